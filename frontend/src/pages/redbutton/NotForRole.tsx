import { Alert, Stack, Title } from "@mantine/core";
import { useT } from "../../i18n/locale";

export function NotForRolePage(): React.JSX.Element {
  const t = useT();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("rb.area.title")}
      </Title>
      <Alert color="gray" data-testid="not-for-role">
        {t("rb.area.notForRole")}
      </Alert>
    </Stack>
  );
}
