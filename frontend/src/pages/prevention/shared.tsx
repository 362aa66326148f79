// What the prevention pages share: the user's locale as Intl writes it, an API code's
// label (the code itself when this version has none), the loading and refusal states.
import { Alert, Loader } from "@mantine/core";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue } from "../../i18n/messages";
import { NotForRole } from "./data";

export function useWords() {
  const { locale } = useLocale();
  const labels: Record<string, string> = catalogue(locale);
  return {
    intl: locale === "id" ? "id-ID" : "en-GB",
    label: (prefix: string, code: string) => labels[`${prefix}.${code}`] ?? code,
  };
}

export function QueryState({ query }: { query: { isPending: boolean; error: Error | null } }): React.JSX.Element | null {
  const t = useT();
  if (query.isPending) return <Loader role="status" aria-label={t("common.loading")} />;
  if (query.error instanceof NotForRole) {
    return (
      <Alert color="gray" data-testid="not-for-role">
        {t("prev.notForRole")}
      </Alert>
    );
  }
  if (query.error) return <Alert color="red">{t("form.error")}</Alert>;
  return null;
}
