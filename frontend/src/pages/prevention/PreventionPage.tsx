// The prevention unit's screens: compliance assessments, agreements (MoU/PKS), complaint
// clinics, focal points and studies, a tab each. The tab and the year are in the URL
// (`?bagian=klinik&tahun=2026`), this year in the office's zone unless one is named.
import { Group, Select, Stack, Tabs, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useT } from "../../i18n/locale";
import { todayIn } from "../../lib/dates";
import { AREAS, type PreventionArea } from "../../lib/prevention";
import { useOfficeZone } from "../../office";
import { AgreementsPanel } from "./AgreementsPanel";
import { AssessmentsPanel } from "./AssessmentsPanel";
import { ClinicsPanel } from "./ClinicsPanel";
import { FocalPointsPanel } from "./FocalPointsPanel";
import { PublicationsPanel } from "./PublicationsPanel";
import { SocialMediaPanel } from "./SocialMediaPanel";
import { VillagesPanel } from "./VillagesPanel";
import { InnovationsPanel } from "./InnovationsPanel";
import { CommunityPanel } from "./CommunityPanel";
import { StudiesPanel } from "./StudiesPanel";
import { SubjectRequestsPanel } from "./SubjectRequestsPanel";

// The tabs that read one year; agreements and focal points are the ones in force now.
const BY_YEAR: PreventionArea[] = ["penilaian", "klinik", "kajian", "media-sosial", "desa"];

export function PreventionPage(): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const search = useSearch({ from: "/pencegahan" });
  const navigate = useNavigate({ from: "/pencegahan" });
  const thisYear = Number(todayIn(zone).slice(0, 4));
  const year = search.tahun ?? thisYear;
  const active: PreventionArea = search.bagian ?? "penilaian";
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear + 1 - i));
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t("prev.title")}
        </Title>
        {BY_YEAR.includes(active) && (
          <Select
            label={t("prev.year")}
            data={years.includes(String(year)) ? years : [String(year), ...years]}
            value={String(year)}
            onChange={(v) => v && void navigate({ search: { bagian: active, tahun: Number(v) } })}
            allowDeselect={false}
            w={140}
          />
        )}
      </Group>
      <Tabs value={active} onChange={(v) => void navigate({ search: { bagian: (v ?? active) as PreventionArea, tahun: search.tahun } })} keepMounted={false}>
        <Tabs.List>
          {AREAS.map((area) => (
            <Tabs.Tab key={area} value={area}>
              {t(`prev.tab.${area}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="penilaian" pt="md">
          <AssessmentsPanel year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="kerja-sama" pt="md">
          <AgreementsPanel today={todayIn(zone)} />
        </Tabs.Panel>
        <Tabs.Panel value="klinik" pt="md">
          <ClinicsPanel year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="focal-point" pt="md">
          <FocalPointsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="kajian" pt="md">
          <StudiesPanel year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="publikasi" pt="md">
          <PublicationsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="media-sosial" pt="md">
          <SocialMediaPanel year={year} today={todayIn(zone)} />
        </Tabs.Panel>
        <Tabs.Panel value="desa" pt="md">
          <VillagesPanel year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="inovasi" pt="md">
          <InnovationsPanel year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="komunitas" pt="md">
          <CommunityPanel />
        </Tabs.Panel>
        <Tabs.Panel value="permintaan-data" pt="md">
          <SubjectRequestsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
