// The Red Button, one press away on every intern page: it opens the public Red Button
// page for the intern's office (where reporting without a name stays possible; nothing
// of the signed-in session goes with it).
import { Paper, Stack, Text } from "@mantine/core";
import { AppLink } from "../../components/AppLink";
import { useT } from "../../i18n/locale";

export function RedButtonBanner({ office }: { office: string }): React.JSX.Element {
  const t = useT();
  return (
    <Paper withBorder p="sm" style={{ borderColor: "var(--mantine-color-red-9)", borderWidth: 2 }} data-testid="red-button-banner">
      <Stack gap={2}>
        <AppLink to="/tombol-merah" search={{ kantor: office }} c="red.9" fw={700} rel="noreferrer">
          {t("intern.redButton")}
        </AppLink>
        <Text size="sm">{t("intern.redButtonHelp")}</Text>
      </Stack>
    </Paper>
  );
}
