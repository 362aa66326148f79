// The intern's own screens: attendance with the office screen's code, the daily logbook
// and the learning library, a tab each (`?bagian=`), with the Red Button on every one.
import { Alert, Stack, Tabs, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useT } from "../../i18n/locale";
import { INTERN_AREAS, type InternArea } from "../../lib/intern";
import { useCapabilities } from "../../capabilities";
import { useMe } from "../../office";
import { AttendancePanel } from "./AttendancePanel";
import { LearningPanel } from "./LearningPanel";
import { LogbookPanel } from "./LogbookPanel";
import { RedButtonBanner } from "./RedButtonBanner";

export function InternPage(): React.JSX.Element | null {
  const t = useT();
  const me = useMe();
  const { may } = useCapabilities();
  const search = useSearch({ from: "/peserta-magang" });
  const navigate = useNavigate({ from: "/peserta-magang" });
  if (!me.data) return null;
  const active: InternArea = search.bagian ?? "presensi";
  return (
    <Stack>
      <RedButtonBanner office={me.data.office} />
      <Title order={1} size="h2">
        {t("intern.title")}
      </Title>
      {!may("internship.intern") ? (
        <Alert color="gray" data-testid="not-for-role">
          {t("intern.notForRole")}
        </Alert>
      ) : (
        <Tabs value={active} onChange={(v) => void navigate({ search: { bagian: (v ?? active) as InternArea } })} keepMounted={false}>
          <Tabs.List>
            {INTERN_AREAS.map((area) => (
              <Tabs.Tab key={area} value={area}>
                {t(`intern.tab.${area}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="presensi" pt="md">
            <AttendancePanel />
          </Tabs.Panel>
          <Tabs.Panel value="logbook" pt="md">
            <LogbookPanel />
          </Tabs.Panel>
          <Tabs.Panel value="belajar" pt="md">
            <LearningPanel />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
