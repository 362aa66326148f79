import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { session } from "../auth/session";
import { useT } from "../i18n/locale";

export function SignInPage(): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate();
  const { kembali } = useSearch({ from: "/masuk" });
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const ok = await session.signIn(String(form.get("username") ?? ""), String(form.get("password") ?? ""));
    setBusy(false);
    setFailed(!ok);
    if (ok) await navigate({ to: kembali ?? "/" });
  }

  return (
    <Paper withBorder p="lg" maw={420} mx="auto">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t("auth.title")}
          </Title>
          {failed && (
            <Alert color="red" role="alert">
              {t("auth.failed")}
            </Alert>
          )}
          <TextInput name="username" label={t("auth.username")} autoComplete="username" required />
          <PasswordInput name="password" label={t("auth.password")} autoComplete="current-password" required />
          <Button type="submit" loading={busy}>
            {t("auth.submit")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
