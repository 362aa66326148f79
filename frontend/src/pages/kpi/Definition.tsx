// What a breakdown or an activity table counts, in the user's language (the API sends
// the Indonesian and the English side by side).
import { Text } from "@mantine/core";
import { definitionIn } from "./cells";
import type { Table } from "./data";

export function Definition({ locale, table }: { locale: string; table: Table }): React.JSX.Element {
  const { text, lang } = definitionIn(locale, table);
  return (
    <Text size="sm" c="dimmed" lang={lang} data-testid="kpi-definition">
      {text}
    </Text>
  );
}
