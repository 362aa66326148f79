// The office's register of innovations (KIP4), latest year first: its own and the
// agencies'. Those who may write add one above the list; an entry is edited where the
// API offers it (`allowed_steps`).
import { Button, Collapse, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Section } from "../../components/Sections";
import { useT } from "../../i18n/locale";
import { useCapabilities } from "../../capabilities";
import { offers } from "../../lib/preventionWrite";
import { InnovationForm } from "./InnovationForm";
import { QueryState } from "./shared";
import { useInnovations, type Innovation } from "./writeData";

export function InnovationsPanel({ year }: { year: number }): React.JSX.Element {
  const t = useT();
  const { may } = useCapabilities();
  const innovations = useInnovations();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Innovation | null>(null);
  if (!innovations.data) return <QueryState query={innovations} />;
  const rows = innovations.data;
  return (
    <Stack>
      {may("prevention.innovation.create") && (
        <Stack gap="xs">
          <Group>
            <Button variant={adding ? "default" : "filled"} onClick={() => setAdding((a) => !a)} aria-expanded={adding} aria-controls="new-innovation">
              {t("prev.in.new")}
            </Button>
          </Group>
          <Collapse expanded={adding} id="new-innovation">
            <InnovationForm year={year} />
          </Collapse>
        </Stack>
      )}
      {rows.length === 0 ? <Text>{t("prev.in.empty")}</Text> : <InnovationsTable rows={rows} onEdit={setEditing} />}
      {editing && (
        <Section title={t("prev.in.editOf", { name: editing.name })} id="edit-innovation">
          <InnovationForm key={editing.id} innovation={rows.find((r) => r.id === editing.id) ?? editing} year={year} onDone={() => setEditing(null)} />
        </Section>
      )}
    </Stack>
  );
}

function InnovationsTable({ rows, onEdit }: { rows: Innovation[]; onEdit: (i: Innovation) => void }): React.JSX.Element {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped withTableBorder data-testid="innovations">
        <caption className="visually-hidden">{t("prev.tab.inovasi")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("prev.in.name")}</Table.Th>
            <Table.Th scope="col">{t("prev.in.owner")}</Table.Th>
            <Table.Th scope="col">{t("prev.in.category")}</Table.Th>
            <Table.Th scope="col">{t("prev.in.year")}</Table.Th>
            <Table.Th scope="col">{t("prev.in.status")}</Table.Th>
            <Table.Th scope="col">{t("prev.in.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((i) => (
            <Table.Tr key={i.id} data-innovation={i.name}>
              <Table.Th scope="row" fw={400}>
                {i.link ? <a href={i.link} rel="noreferrer noopener" target="_blank">{i.name}</a> : i.name}
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {i.description}
                </Text>
              </Table.Th>
              <Table.Td>{i.owner === "agency" ? i.agency : t("prev.in.owner.own")}</Table.Td>
              <Table.Td>{t(`prev.in.category.${i.category}`)}</Table.Td>
              <Table.Td>{i.year}</Table.Td>
              <Table.Td>{t(`prev.in.status.${i.status}`)}</Table.Td>
              <Table.Td>
                {offers(i, "edit") && (
                  <Button variant="default" size="xs" onClick={() => onEdit(i)} aria-label={t("prev.in.editOf", { name: i.name })}>
                    {t("prev.in.edit")}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
