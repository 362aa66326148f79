// The staff's menu: one entry per screen, shown to the roles that work on it (the API
// refuses the rest anyway). A list rather than a row of links, so a user holding many
// roles (a head holds most) gets a column beside the page instead of a header that
// wraps onto several lines.
import { Stack } from "@mantine/core";
import { AppLink } from "./AppLink";
import { useT } from "../i18n/locale";
import type { MessageId } from "../i18n/messages";
import { adminAreas } from "../lib/admin";

type Entry = {
  to: string;
  label: MessageId;
  shownTo: (roles: string[]) => boolean;
  search?: boolean;
};

const anyOf =
  (...wanted: string[]) =>
  (roles: string[]) =>
    roles.some((r) => wanted.includes(r));

const INTAKE = anyOf("intake_officer", "head");

export const STAFF_MENU: Entry[] = [
  // A community member (the role is held alone) files and follows their own reports only.
  { to: "/", label: "nav.home", shownTo: (roles) => !roles.includes("community_member") },
  { to: "/sahabat", label: "sahabat.nav", shownTo: anyOf("community_member") },
  { to: "/registrasi", label: "nav.register", shownTo: INTAKE },
  { to: "/verifikasi", label: "nav.verification", shownTo: INTAKE, search: true },
  { to: "/arsip", label: "nav.archive", shownTo: INTAKE },
  {
    to: "/pemeriksaan",
    label: "nav.board",
    shownTo: anyOf("examiner", "examination_supervisor", "head", "analyst"),
    search: true,
  },
  { to: "/meja-layanan", label: "nav.desk", shownTo: anyOf("desk_officer", "desk_supervisor") },
  { to: "/perlindungan", label: "rb.navOfficers", shownTo: anyOf("protection_officer", "head") },
  { to: "/perlindungan/peringatan", label: "rb.navAlerts", shownTo: anyOf("protection_officer", "head") },
  { to: "/perlindungan/kontak", label: "rb.navContacts", shownTo: anyOf("head") },
  { to: "/format-institusi", label: "fmt.nav", shownTo: anyOf("intern_supervisor", "head", "analyst") },
  {
    to: "/pencegahan",
    label: "prev.nav",
    shownTo: anyOf("prevention_officer", "head", "analyst"),
    search: true,
  },
  { to: "/mori", label: "mg.nav", shownTo: anyOf("intern_supervisor", "head", "analyst"), search: true },
  { to: "/peserta-magang", label: "intern.nav", shownTo: anyOf("intern"), search: true },
  { to: "/kinerja", label: "nav.kpi", shownTo: anyOf("head", "analyst"), search: true },
  // Integration's imports and portal routes are the head's (`Manager` in its deps; an
  // administrator passes there too).
  { to: "/integrasi/impor", label: "int.nav.imports", shownTo: anyOf("head", "admin"), search: true },
  { to: "/integrasi/portal", label: "int.nav.portal", shownTo: anyOf("head", "admin") },
  { to: "/admin", label: "nav.admin", shownTo: (roles) => adminAreas(roles).length > 0, search: true },
];

export function StaffNav({ roles }: { roles: string[] }): React.JSX.Element {
  const t = useT();
  return (
    <nav aria-label={t("nav.menu")} className="staff-nav">
      <Stack gap={6}>
        {STAFF_MENU.filter((entry) => entry.shownTo(roles)).map((entry) => (
          <AppLink
            key={entry.to}
            // The menu's paths are the router's own; a typed route per entry would make
            // this list a switch of eleven links.
            to={entry.to as "/"}
            search={entry.search ? ({} as never) : undefined}
            activeProps={{ "aria-current": "page", fw: 700 }}
          >
            {t(entry.label)}
          </AppLink>
        ))}
      </Stack>
    </nav>
  );
}
