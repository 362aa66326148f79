// The blocks a record's page is made of (a case, a report): a titled section and a
// labelled fact inside a definition list.
import { Paper, Stack, Text, Title } from "@mantine/core";

export function Section({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}
