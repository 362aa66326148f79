// Administration: users and roles, offices, API clients (the gateway's admin API),
// webhook subscriptions (integration), the examiner roster and SLA policies
// (examination) and the substances (intake). Each tab is an area the user's capabilities
// (`/auth/me`) work on; the
// open tab is in the URL (`?bagian=`), so a link or a reload lands on it.
import { Tabs, Title, Stack } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useCapabilities } from "../../capabilities";
import { useT } from "../../i18n/locale";
import { adminAreas, type AdminArea } from "../../lib/admin";
import { useMe } from "../../office";
import { ClientsPanel } from "./Clients";
import { OfficesPanel } from "./Offices";
import { RosterPanel } from "./Roster";
import { SlaPanel } from "./SlaPolicies";
import { SubstancesPanel } from "./Substances";
import { NotForRole } from "./Shared";
import { UsersPanel } from "./Users";
import { WebhooksPanel } from "./Webhooks";

const TAB_LABEL = {
  users: "admin.tab.users",
  offices: "admin.tab.offices",
  clients: "admin.tab.clients",
  webhooks: "admin.tab.webhooks",
  roster: "admin.tab.roster",
  substances: "admin.tab.substances",
  sla: "admin.tab.sla",
} as const;

export function AdminPage(): React.JSX.Element | null {
  const t = useT();
  const me = useMe();
  const { viewer, may } = useCapabilities();
  const search = useSearch({ from: "/admin" });
  const navigate = useNavigate({ from: "/admin" });
  if (!me.data) return null;
  const roles = me.data.roles;
  const areas = adminAreas(viewer);
  if (areas.length === 0) return <NotForRole />;
  const active: AdminArea = search.bagian && areas.includes(search.bagian) ? search.bagian : (areas[0] as AdminArea);
  // Opening and changing offices is a capability; `national` otherwise widens the
  // caller's other roles to every office (which offices a form offers), as in the API.
  const opensOffices = may("admin.offices");
  const national = roles.includes("national");
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("admin.title")}
      </Title>
      <Tabs value={active} onChange={(v) => void navigate({ search: { bagian: (v ?? active) as AdminArea } })} keepMounted={false}>
        <Tabs.List>
          {areas.map((area) => (
            <Tabs.Tab key={area} value={area}>
              {t(TAB_LABEL[area])}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel actorRoles={roles} actorOffice={me.data.office} />
        </Tabs.Panel>
        <Tabs.Panel value="offices" pt="md">
          <OfficesPanel national={opensOffices} />
        </Tabs.Panel>
        <Tabs.Panel value="clients" pt="md">
          <ClientsPanel national={national} actorOffice={me.data.office} />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksPanel />
        </Tabs.Panel>
        <Tabs.Panel value="roster" pt="md">
          <RosterPanel office={me.data.office} />
        </Tabs.Panel>
        <Tabs.Panel value="substances" pt="md">
          <SubstancesPanel national={national} office={me.data.office} />
        </Tabs.Panel>
        <Tabs.Panel value="sla" pt="md">
          <SlaPanel national={national} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
