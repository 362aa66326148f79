// The internship staff screens (`/mori`): applications, cohorts and placements, the
// supervisors' logbook review and attendance recap, evaluation and completion; a tab
// each (`?bagian=`), with every filter in the URL. Only those the API lets read the
// internship (`internship.read`) see them; each action is offered only when the API allows it.
import { Alert, Stack, Tabs, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useT } from "../../i18n/locale";
import { MORI_AREAS, type MoriArea } from "../../lib/mori";
import { useCapabilities } from "../../capabilities";
import { useMe } from "../../office";
import { ApplicationsPanel } from "./ApplicationsPanel";
import { CohortsPanel } from "./CohortsPanel";
import { CompletionPanel } from "./CompletionPanel";
import { SupervisionPanel } from "./SupervisionPanel";

export function MoriPage(): React.JSX.Element | null {
  const t = useT();
  const me = useMe();
  const { may } = useCapabilities();
  const search = useSearch({ from: "/mori" });
  const navigate = useNavigate({ from: "/mori" });
  if (!me.data) return null;
  const active: MoriArea = search.bagian ?? "lamaran";
  const allowed = may("internship.read");
  const reviews = may("internship.review");
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("mg.title")}
      </Title>
      {!allowed ? (
        <Alert color="gray" data-testid="not-for-role">
          {t("mg.notForRole")}
        </Alert>
      ) : (
        <Tabs value={active} onChange={(v) => void navigate({ search: { bagian: (v ?? active) as MoriArea } })} keepMounted={false}>
          <Tabs.List>
            {MORI_AREAS.map((area) => (
              <Tabs.Tab key={area} value={area}>
                {t(`mg.tab.${area}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="lamaran" pt="md">
            <ApplicationsPanel />
          </Tabs.Panel>
          <Tabs.Panel value="angkatan" pt="md">
            <CohortsPanel canWrite={reviews} />
          </Tabs.Panel>
          <Tabs.Panel value="pembimbingan" pt="md">
            <SupervisionPanel reviews={reviews} />
          </Tabs.Panel>
          <Tabs.Panel value="penyelesaian" pt="md">
            <CompletionPanel />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
