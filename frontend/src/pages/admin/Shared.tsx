// Pieces every administration screen uses: the one-time secret, the role boxes, the
// roles in words, and the "not for your role" page.
import { Alert, Button, Checkbox, Code, Modal, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { ALL_ROLES, GUARDED_ROLES, toggle } from "../../lib/admin";

// A client's or a subscription's secret, shown once: the API never answers it again.
// The dialogs stay inside <main> (Mantine's modal header is a <header>: a second banner
// landmark when portalled to the body).
export function SecretShown({ owner, secret, onClose }: { owner: string; secret: string | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={t("admin.secretTitle", { name: owner })} size="lg" closeOnClickOutside={false} closeButtonProps={{ "aria-label": t("common.close") }} withinPortal={false}>
      <Stack>
        <Alert color="yellow" c="dark">
          {t("admin.secretOnce")}
        </Alert>
        <Text size="sm" fw={600}>
          {t("admin.secretLabel")}
        </Text>
        <Code block data-testid="secret">
          {secret ?? ""}
        </Code>
        <Button onClick={onClose}>{t("admin.secretDone")}</Button>
      </Stack>
    </Modal>
  );
}

export function RoleChecks({ value, onChange, legend }: { value: string[]; onChange: (roles: string[]) => void; legend: string }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>
        <Text size="sm" fw={500}>
          {legend}
        </Text>
      </legend>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        {ALL_ROLES.map((role) => (
          <Checkbox
            key={role}
            label={`${codeLabel(catalogue(locale), "role", role)}${GUARDED_ROLES.includes(role) ? " *" : ""}`}
            checked={value.includes(role)}
            onChange={(e) => onChange(toggle(value, role, e.currentTarget.checked))}
          />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs">
        {t("admin.user.guardedNote")}
      </Text>
    </fieldset>
  );
}

export function useRoleWords(): (roles: readonly string[]) => string {
  const { locale } = useLocale();
  return (roles) => roles.map((r) => codeLabel(catalogue(locale), "role", r)).join(", ") || "—";
}

export function NotForRole(): React.JSX.Element {
  const t = useT();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("admin.title")}
      </Title>
      <Alert color="gray" data-testid="not-for-role">
        {t("admin.notForRole")}
      </Alert>
    </Stack>
  );
}
