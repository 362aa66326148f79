// The one bulk bar every staff list uses: how many rows are chosen, the action's own
// controls (given by the page), the preview of exactly what will change and what will
// be refused (and why), the undo window, and each row's result. See lib/bulk.ts for the
// rules (the window holds the action in the browser; nothing is sent until it ends).
import { Alert, Button, Group, Loader, Modal, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useRef, type ReactNode } from "react";
import { useSay, useT } from "../i18n/locale";
import { secondsLeft, tally, type Result } from "../lib/bulk";
import type { Bulk } from "./useBulk";
import type { Said } from "../i18n/said";

interface Props<R> {
  bulk: Bulk<R>;
  count: number;
  labelOf: (row: R) => string;
  onClear: () => void;
  // "Select everything filtered" (all pages), when the list has more than one page.
  onSelectAll?: () => void;
  selectingAll?: boolean;
  note?: string | null;
  // The list's selection keys (x, Shift+X, *) are told when it has them.
  keys?: boolean;
  children: ReactNode;
}

export function BulkBar<R>({ bulk, count, labelOf, onClear, onSelectAll, selectingAll, note, keys = true, children }: Props<R>): React.JSX.Element {
  const t = useT();
  const say = useSay();
  const { stage } = bulk;
  const undoButton = useRef<HTMLButtonElement>(null);
  const pending = stage.kind === "pending";
  useEffect(() => {
    if (pending) undoButton.current?.focus();
  }, [pending]);

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="bulk-title" data-testid="bulk-bar">
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h5" id="bulk-title">
            {t("bulk.region")}
          </Title>
          {keys && (
            <Text size="sm" c="dimmed">
              {t("bulk.keys")}
            </Text>
          )}
        </Group>
        <Group align="flex-end">
          <Text role="status" fw={600} data-testid="bulk-count">
            {t("bulk.selected", { count })}
          </Text>
          {onSelectAll && (
            <Button variant="default" size="sm" onClick={onSelectAll} loading={selectingAll} data-testid="bulk-all">
              {t("bulk.selectAllFiltered")}
            </Button>
          )}
          {count > 0 && (
            // "default", not "subtle": subtle's hover colour fails AA contrast with its text
            // when the pointer rests on it (axe caught it in the English journey).
            <Button variant="default" size="sm" onClick={onClear}>
              {t("bulk.clear")}
            </Button>
          )}
        </Group>
        {note && <Text size="sm">{note}</Text>}
        {children}
        {stage.kind === "pending" && (
          <Alert color="yellow" data-testid="bulk-pending">
            <Group justify="space-between">
              <Text role="status">{t("bulk.pending", { title: say(stage.title), count: stage.count, seconds: secondsLeft(stage.started, bulk.now) })}</Text>
              <Button ref={undoButton} onClick={bulk.undo} data-testid="bulk-undo">
                {t("bulk.undo")}
              </Button>
            </Group>
            <Text size="xs" mt={4}>
              {t("bulk.leaving")}
            </Text>
          </Alert>
        )}
        {stage.kind === "running" && <Loader role="status" aria-label={t("bulk.running")} size="sm" />}
        {stage.kind === "undone" && (
          <Alert color="gray" role="status" data-testid="bulk-undone" withCloseButton closeButtonLabel={t("common.close")} onClose={bulk.close}>
            {t("bulk.undone")}
          </Alert>
        )}
        {stage.kind === "done" && <Results title={stage.title} results={stage.results} labelOf={labelOf} onClose={bulk.close} />}
      </Stack>
      <Modal
        opened={stage.kind === "preview"}
        onClose={bulk.close}
        title={stage.kind === "preview" ? say(stage.title) : ""}
        size="lg"
        withinPortal={false}
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        {stage.kind === "preview" && (
          <Stack>
            <Text role="status">{t("bulk.previewSummary", { apply: stage.plan.apply.length, refused: stage.plan.refused })}</Text>
            <Table withTableBorder data-testid="bulk-preview">
              <caption className="visually-hidden">{say(stage.title)}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("bulk.item")}</Table.Th>
                  <Table.Th scope="col">{t("bulk.change")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stage.plan.lines.map((line, i) => (
                  <Table.Tr key={i} data-plan={line.refused === undefined ? "change" : "refused"}>
                    <Table.Th scope="row" fw={500}>
                      {labelOf(line.row)}
                    </Table.Th>
                    <Table.Td>{line.refused === undefined ? (line.change && say(line.change)) : <strong>{t("bulk.refused", { reason: say(line.refused) })}</strong>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {stage.plan.apply.length === 0 && <Alert color="red">{t("bulk.nothing")}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={bulk.close}>
                {t("bulk.cancel")}
              </Button>
              <Button onClick={bulk.confirm} disabled={stage.plan.apply.length === 0} data-autofocus data-testid="bulk-apply">
                {t("bulk.apply", { count: stage.plan.apply.length })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}

function Results<R>({ title, results, labelOf, onClose }: { title: Said; results: Result<R>[]; labelOf: (row: R) => string; onClose: () => void }) {
  const t = useT();
  const say = useSay();
  const counts = tally(results);
  return (
    <Stack gap="xs" data-testid="bulk-results">
      <Title order={3} size="h6">
        {t("bulk.results", { title: say(title) })}
      </Title>
      <Text role="status">{t("bulk.tally", counts)}</Text>
      <Table withTableBorder>
        <caption className="visually-hidden">{t("bulk.results", { title: say(title) })}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("bulk.item")}</Table.Th>
            <Table.Th scope="col">{t("bulk.outcome")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((r, i) => (
            <Table.Tr key={i} data-result={r.outcome}>
              <Table.Th scope="row" fw={500}>
                {labelOf(r.row)}
              </Table.Th>
              <Table.Td>
                {t(`bulk.outcome.${r.outcome}`)}
                {r.reason ? `: ${say(r.reason)}` : ""}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" size="sm" onClick={onClose}>
          {t("bulk.close")}
        </Button>
      </Group>
    </Stack>
  );
}
