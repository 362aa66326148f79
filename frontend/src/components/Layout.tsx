import { Box, Button, Container, Flex, Group, Text } from "@mantine/core";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useEffect, useSyncExternalStore } from "react";
import { AppLink } from "./AppLink";
import { openPalette, StaffKeys } from "./Keyboard";
import { viewerOf } from "../lib/capabilities";
import { StaffNav } from "./StaffNav";
import { session } from "../auth/session";
import { useLocale, useT } from "../i18n/locale";
import { useMe } from "../office";

const PUBLIC_PATHS = ["/lapor", "/lacak", "/masuk", "/tombol-merah", "/magang", "/kepatuhan", "/klinik/", "/publikasi", "/survei/"];

// A page anyone may open, signed in or not.
export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.some((p) => path.startsWith(p));
}

export function Layout(): React.JSX.Element {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const signedIn = useSyncExternalStore(
    (l) => session.subscribe(l),
    () => session.signedIn(),
  );
  const path = useRouterState({ select: (s) => s.location.pathname });
  const isPublic = isPublicPath(path);
  const navigate = useNavigate();
  const me = useMe();
  const viewer = viewerOf(me.data);

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
            {!(signedIn && !isPublic) && (
              <nav aria-label={t("app.name")}>
                <Group gap="md">
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
                  <AppLink to="/publikasi">{t("prev.pubs.nav")}</AppLink>
                  <AppLink to="/tombol-merah" search={{}} c="red.9" fw={700}>
                    {t("rb.nav")}
                  </AppLink>
                </Group>
              </nav>
            )}
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
                <Button variant="subtle" size="compact-sm" onClick={openPalette}>
                  {t("palette.open")}
                </Button>
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
      {signedIn && !isPublic ? (
        <Flex direction={{ base: "column", sm: "row" }} gap="lg" px="md" py="lg" align="flex-start">
          <StaffNav viewer={viewer} />
          <Box component="main" id="isi" style={{ flex: 1, minWidth: 0 }}>
            <StaffKeys viewer={viewer} />
            <Outlet />
          </Box>
        </Flex>
      ) : (
        <Container component="main" id="isi" size="md" py="lg">
          <Outlet />
        </Container>
      )}
    </>
  );
}
