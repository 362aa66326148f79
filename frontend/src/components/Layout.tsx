import { Box, Button, Container, Group, Text } from "@mantine/core";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useEffect, useSyncExternalStore } from "react";
import { AppLink } from "./AppLink";
import { session } from "../auth/session";
import { useLocale, useT } from "../i18n/locale";
import { adminAreas } from "../lib/admin";
import { useMe } from "../office";

const PUBLIC_PATHS = ["/lapor", "/lacak", "/masuk", "/tombol-merah", "/magang", "/kepatuhan", "/klinik/"];
const PROTECTION_ROLES = ["protection_officer", "head"];
const INTAKE_ROLES = ["intake_officer", "head"];
const EXAMINATION_ROLES = ["examiner", "examination_supervisor", "head", "analyst"];
const DESK_ROLES = ["desk_officer", "desk_supervisor"];
const KPI_ROLES = ["head", "analyst"];
const PREVENTION_ROLES = ["prevention_officer", "head", "analyst"];

export function Layout(): React.JSX.Element {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const signedIn = useSyncExternalStore(
    (l) => session.subscribe(l),
    () => session.signedIn(),
  );
  const path = useRouterState({ select: (s) => s.location.pathname });
  const isPublic = PUBLIC_PATHS.some((p) => path.startsWith(p));
  const navigate = useNavigate();
  const me = useMe();
  const roles = me.data?.roles ?? [];

  // A session that ended (renewal refused, signed out in another way) sends a staff
  // page back to the sign-in, which brings the user back here afterwards.
  const href = useRouterState({ select: (s) => s.location.href });
  useEffect(() => {
    if (!signedIn && !isPublic) void navigate({ to: "/masuk", search: { kembali: href } });
  }, [signedIn, isPublic, href, navigate]);

  async function signOut() {
    await session.signOut();
    await navigate({ to: "/masuk", search: {} });
  }

  return (
    <>
      <a className="skip-link" href="#isi">
        {t("nav.skip")}
      </a>
      <Box component="header" px="md" py="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Group justify="space-between" wrap="wrap">
          <Group gap="lg">
            <Text fw={700} size="lg">
              {t("app.name")}
              <Text span size="sm" ml="xs" c="dimmed">
                {t("app.tagline")}
              </Text>
            </Text>
            <nav aria-label={t("app.name")}>
              <Group gap="md">
                {signedIn && !isPublic ? (
                  <>
                    {/* A Sahabat Ombudsman member (the role held alone) has one screen. */}
                    {roles.includes("community_member") ? (
                      <AppLink to="/sahabat">{t("sahabat.nav")}</AppLink>
                    ) : (
                      <AppLink to="/">{t("nav.home")}</AppLink>
                    )}
                    {/* Each role sees the screens it works on (the API refuses the rest). */}
                    {roles.some((r) => INTAKE_ROLES.includes(r)) && (
                      <>
                        <AppLink to="/registrasi">
                          {t("nav.register")}
                        </AppLink>
                        <AppLink to="/verifikasi" search={{}}>
                          {t("nav.verification")}
                        </AppLink>
                        <AppLink to="/arsip">
                          {t("nav.archive")}
                        </AppLink>
                      </>
                    )}
                    {roles.some((r) => EXAMINATION_ROLES.includes(r)) && (
                      <AppLink to="/pemeriksaan" search={{}}>
                        {t("nav.board")}
                      </AppLink>
                    )}
                    {roles.some((r) => DESK_ROLES.includes(r)) && (
                      <AppLink to="/meja-layanan">
                        {t("nav.desk")}
                      </AppLink>
                    )}
                    {roles.some((r) => PROTECTION_ROLES.includes(r)) && (
                      <AppLink to="/perlindungan">
                        {t("rb.navOfficers")}
                      </AppLink>
                    )}
                    {roles.some((r) => PREVENTION_ROLES.includes(r)) && (
                      <AppLink to="/pencegahan" search={{}}>
                        {t("prev.nav")}
                      </AppLink>
                    )}
                    {roles.includes("intern") && (
                      <AppLink to="/peserta-magang" search={{}}>
                        {t("intern.nav")}
                      </AppLink>
                    )}
                                        {adminAreas(roles).length > 0 && (
                      <AppLink to="/admin" search={{}}>
                        {t("nav.admin")}
                      </AppLink>
                    )}
                    {roles.some((r) => KPI_ROLES.includes(r)) && (
                      <AppLink to="/kinerja" search={{}}>
                        {t("nav.kpi")}
                      </AppLink>
                    )}
                  </>
                ) : (
                  <>
                    <AppLink to="/lapor" search={{}}>
                      {t("nav.publicReport")}
                    </AppLink>
                    <AppLink to="/lacak" search={{}}>
                      {t("nav.track")}
                    </AppLink>
                    <AppLink to="/magang/daftar" search={{}}>
                      {t("mori.nav.apply")}
                    </AppLink>
                    <AppLink to="/kepatuhan" search={{}}>
                      {t("prev.navPublic")}
                    </AppLink>
                    <AppLink to="/tombol-merah" search={{}} c="red.9" fw={700}>
                      {t("rb.nav")}
                    </AppLink>
                  </>
                )}
              </Group>
            </nav>
          </Group>
          <Group gap="sm">
            <Button
              variant="subtle"
              size="compact-sm"
              lang={locale === "id" ? "en" : "id"}
              onClick={() => setLocale(locale === "id" ? "en" : "id")}
            >
              {t("lang.switch")}
            </Button>
            {signedIn && !isPublic && (
              <>
                {me.data && (
                  <Text size="sm">{t("auth.signedInAs", { name: me.data.username, office: me.data.office })}</Text>
                )}
                <Button variant="outline" size="compact-sm" onClick={() => void signOut()}>
                  {t("auth.signOut")}
                </Button>
              </>
            )}
          </Group>
        </Group>
      </Box>
      <Container component="main" id="isi" size={isPublic ? "md" : "xl"} py="lg">
        <Outlet />
      </Container>
    </>
  );
}
