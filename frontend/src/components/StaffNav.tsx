// The staff's menu: one entry per screen, shown to whoever holds the capabilities its
// reads need (the API's `/auth/me` says which; the API refuses the rest anyway). A list rather than a row of links, so a user holding many
// roles (a head holds most) gets a column beside the page instead of a header that
// wraps onto several lines.
import { Stack } from "@mantine/core";
import { AppLink } from "./AppLink";
import { useT } from "../i18n/locale";
import type { MessageId } from "../i18n/messages";
import { adminAreas } from "../lib/admin";
import { holds, type Capability, type Viewer } from "../lib/capabilities";

type Entry = {
  to: string;
  label: MessageId;
  shownTo: (viewer: Viewer) => boolean;
  search?: boolean;
};

// A staff screen, for whoever holds one of the capabilities its reads need. A community
// member (the role is held alone) files and follows their own reports only.
const anyOf =
  (...wanted: Capability[]) =>
  (viewer: Viewer) =>
    !viewer.member && holds(viewer, ...wanted);

export const STAFF_MENU: Entry[] = [
  { to: "/", label: "nav.home", shownTo: (viewer) => !viewer.member },
  { to: "/sahabat", label: "sahabat.nav", shownTo: (viewer) => viewer.member },
  { to: "/registrasi", label: "nav.register", shownTo: anyOf("intake.reports.file") },
  { to: "/verifikasi", label: "nav.verification", shownTo: anyOf("intake.reports.read"), search: true },
  { to: "/arsip", label: "nav.archive", shownTo: anyOf("intake.reports.read") },
  { to: "/pemeriksaan", label: "nav.board", shownTo: anyOf("examination.cases.read"), search: true },
  { to: "/meja-layanan", label: "nav.desk", shownTo: anyOf("desk.work") },
  { to: "/perlindungan", label: "rb.navOfficers", shownTo: anyOf("redbutton.cases") },
  { to: "/perlindungan/peringatan", label: "rb.navAlerts", shownTo: anyOf("redbutton.read") },
  { to: "/perlindungan/kontak", label: "rb.navContacts", shownTo: anyOf("redbutton.contacts") },
  { to: "/format-institusi", label: "fmt.nav", shownTo: anyOf("internship.read") },
  { to: "/pencegahan", label: "prev.nav", shownTo: anyOf("prevention.read"), search: true },
  { to: "/mori", label: "mg.nav", shownTo: anyOf("internship.read"), search: true },
  { to: "/peserta-magang", label: "intern.nav", shownTo: anyOf("internship.intern"), search: true },
  { to: "/kinerja", label: "nav.kpi", shownTo: anyOf("kpi.read"), search: true },
  { to: "/integrasi/impor", label: "int.nav.imports", shownTo: anyOf("integration.manage"), search: true },
  { to: "/integrasi/portal", label: "int.nav.portal", shownTo: anyOf("integration.manage") },
  { to: "/admin", label: "nav.admin", shownTo: (viewer) => adminAreas(viewer).length > 0, search: true },
];

export function StaffNav({ viewer }: { viewer: Viewer }): React.JSX.Element {
  const t = useT();
  return (
    <nav aria-label={t("nav.menu")} className="staff-nav">
      <Stack gap={6}>
        {STAFF_MENU.filter((entry) => entry.shownTo(viewer)).map((entry) => (
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
