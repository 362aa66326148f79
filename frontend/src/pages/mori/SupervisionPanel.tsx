// The supervisors' work: logbook entries waiting for approval, approved or returned with
// a comment in bulk (the shared bulk bar: rows selected, the decision previewed, an undo
// window, then sent: all or none, as the API takes them), chosen by mouse or keyboard as
// on the board (j/k move, x, Shift+X, *), and the month's attendance recap with its
// CSV/XLSX export.
import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { BulkBar } from "../../components/BulkBar";
import { usePageShortcuts } from "../../components/Shortcuts";
import { useBulk, useSelection } from "../../components/useBulk";
import { useLocale, useT } from "../../i18n/locale";
import type { MessageId } from "../../i18n/messages";
import { todayIn } from "../../lib/dates";
import { refusal } from "../../lib/intern";
import type { Result } from "../../lib/bulk";
import { useListKeys } from "../../components/useListKeys";
import type { Shortcut } from "../../lib/palette";
import { reviewItems } from "../../lib/mori";
import { useOfficeZone } from "../../office";
import { useApplications, useWaitingEntries, type Entry } from "./data";
import { DownloadButton, useDay, useMonth, useUnitName } from "./shared";
import { said } from "../../i18n/said";

// `reviews`: the caller holds `internship.review` (the logbook's review).
export function SupervisionPanel({ reviews }: { reviews: boolean }): React.JSX.Element {
  return (
    <Stack gap="lg">
      {reviews && <LogbookReview />}
      <AttendanceRecap />
    </Stack>
  );
}

type Decision = "approve" | "return";

const LOGBOOK_SHORTCUTS: readonly Shortcut[] = [
  { keys: ["j", "↓"], label: "keys.entryDown" },
  { keys: ["k", "↑"], label: "keys.entryUp" },
  { keys: ["Home", "End"], label: "board.keyFirst" },
  { keys: ["x"], label: "keys.selectEntry" },
  { keys: ["Shift+X"], label: "keys.rangeEntry" },
  { keys: ["*"], label: "board.keyAll" },
];
type OfficeRecap = components["schemas"]["OfficeRecap"];

// The logbook's bulk review goes through the shared bulk bar (preview, undo window,
// each entry's result). The API takes the review as one call, all or none: its result
// is every entry's.
function LogbookReview(): React.JSX.Element {
  const t = useT();
  const day = useDay();
  const queries = useQueryClient();
  const entries = useWaitingEntries();
  const accepted = useApplications({ status: "accepted" });
  const names = new Map((accepted.data ?? []).map((a) => [a.id, a.applicant.name ?? a.id.slice(0, 8)]));
  const nameOf = (id: string) => names.get(id) ?? id.slice(0, 8);
  const chosen = useSelection<Entry>((e) => e.id);
  const bulk = useBulk<Entry>(() => {
    chosen.clear();
    setComment("");
    void queries.invalidateQueries({ queryKey: ["mori", "logbook"] });
  });
  const [comment, setComment] = useState("");
  const [message, setMessage] = useState<MessageId | null>(null);
  const shown = entries.data ?? [];
  const all = shown.length > 0 && shown.every((e) => chosen.has(e.id));
  const some = shown.some((e) => chosen.has(e.id));
  const [highlighted, setHighlighted] = useState(-1);
  const table = useRef<HTMLTableElement>(null);
  usePageShortcuts(LOGBOOK_SHORTCUTS);

  // The board's keys, the focus on each row's checkbox (the logbook opens no page).
  useListKeys({
    rows: shown,
    highlighted,
    setHighlighted,
    focusables: () => table.current?.querySelectorAll<HTMLInputElement>("input[data-entry-select]"),
    selection: chosen,
  });

  function ask(decision: Decision) {
    const { items, error } = reviewItems(shown, new Set(chosen.chosen.keys()), decision, comment);
    if (error) return setMessage(error === "none" ? "mg.log.none" : "mg.log.needComment");
    setMessage(null);
    const rows = shown.filter((e) => chosen.has(e.id));
    const change = decision === "approve" ? said("bulk.approved") : said("bulk.returned", { comment: comment.trim() });
    const run = async (sent: Entry[]): Promise<Result<Entry>[]> => {
      const { data, error: problem, response } = await api.POST("/api/v1/internship/logbook/review", { body: { decisions: items } });
      if (data) return sent.map((row) => ({ row, outcome: "applied" }));
      if (response.status === 412) return sent.map((row) => ({ row, outcome: "changed" }));
      const reason = refusal(problem);
      return sent.map((row) => ({ row, outcome: "refused", reason }));
    };
    bulk.preview(said(decision === "approve" ? "mg.log.preview.approve" : "mg.log.preview.return", { count: items.length }), rows, () => ({ change }), run);
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="logbook-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="logbook-title">
          {t("mg.log.title")}
        </Title>
        {entries.isError && <Alert color="red">{t("mg.loadFailed")}</Alert>}
        {entries.data && shown.length === 0 && <Text>{t("mg.log.empty")}</Text>}
        {shown.length > 0 && (
          <Table ref={table} striped withTableBorder highlightOnHover data-testid="review-queue">
            <caption className="visually-hidden">{t("mg.log.title")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Td>
                  <Checkbox aria-label={t("mg.log.selectAll")} checked={all} indeterminate={!all && some} onChange={() => chosen.toggleShown(shown)} />
                </Table.Td>
                <Table.Th scope="col">{t("mg.cohort.intern")}</Table.Th>
                <Table.Th scope="col">{t("mg.log.day")}</Table.Th>
                <Table.Th scope="col">{t("mg.log.activities")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((e, i) => (
                <Table.Tr key={e.id} data-entry={e.id} data-selected={i === highlighted} data-chosen={chosen.has(e.id)}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t("mg.log.select", { name: nameOf(e.application_id), date: day(e.day) })}
                      checked={chosen.has(e.id)}
                      onChange={() => chosen.toggle(shown, i)}
                      onFocus={() => setHighlighted(i)}
                      data-entry-select
                    />
                  </Table.Td>
                  <Table.Th scope="row" fw={400}>
                    {nameOf(e.application_id)}
                  </Table.Th>
                  <Table.Td>{day(e.day)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{e.activities}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {(shown.length > 0 || bulk.stage.kind !== "idle") && (
          <BulkBar bulk={bulk} count={chosen.chosen.size} labelOf={(e) => `${nameOf(e.application_id)}, ${day(e.day)}`} onClear={chosen.clear}>
            {message && (
              <Alert color="red" role="alert" data-testid="review-result">
                {t(message)}
              </Alert>
            )}
            {shown.length > 0 && (
              <>
                <Textarea label={t("mg.log.comment")} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
                <Group>
                  <Button onClick={() => ask("approve")} data-testid="approve-selected">
                    {t("mg.log.approve")}
                  </Button>
                  <Button variant="outline" onClick={() => ask("return")}>
                    {t("mg.log.return")}
                  </Button>
                </Group>
              </>
            )}
          </BulkBar>
        )}
      </Stack>
    </Paper>
  );
}

function AttendanceRecap(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const unitName = useUnitName();
  const monthName = useMonth();
  const [month, setMonth] = useState(todayIn(useOfficeZone()).slice(0, 7));
  const valid = /^\d{4}-\d{2}$/.test(month);
  const recap = useQuery({
    queryKey: ["mori", "recap", month],
    enabled: valid,
    queryFn: async (): Promise<OfficeRecap> => {
      const { data } = await api.GET("/api/v1/internship/attendance/recap", { params: { query: { month } }, headers: { Accept: "application/json" } });
      if (!data || typeof data === "string") throw new Error("recap");
      return data as OfficeRecap;
    },
  });
  const path = `/api/v1/internship/attendance/recap?month=${month}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="recap-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="recap-title">
          {t("mg.recap.title")}
        </Title>
        <Group align="flex-end">
          <TextInput type="month" label={t("mg.recap.month")} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={200} />
          {valid && <DownloadButton path={path} accept="text/csv" fallback={`presensi-${month}.csv`} label="mg.recap.csv" testId="recap-csv" />}
          {valid && (
            <DownloadButton path={path} accept="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" fallback={`presensi-${month}.xlsx`} label="mg.recap.xlsx" />
          )}
        </Group>
        {recap.isError && <Alert color="red">{t("mg.loadFailed")}</Alert>}
        {recap.data && recap.data.rows.length === 0 && <Text>{t("mg.recap.empty")}</Text>}
        {recap.data && recap.data.rows.length > 0 && (
          <Table striped withTableBorder data-testid="recap">
            <caption className="visually-hidden">{`${t("mg.recap.title")}: ${monthName(month)}`}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("mg.recap.name")}</Table.Th>
                <Table.Th scope="col">{t("mg.recap.unit")}</Table.Th>
                <Table.Th scope="col">{t("mg.recap.working")}</Table.Th>
                <Table.Th scope="col">{t("mg.recap.present")}</Table.Th>
                <Table.Th scope="col">{t("mg.recap.leave")}</Table.Th>
                <Table.Th scope="col">{t("mg.recap.sick")}</Table.Th>
                <Table.Th scope="col">{t("mg.recap.absent")}</Table.Th>
                <Table.Th scope="col">{t("mg.recap.hours")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recap.data.rows.map((r) => (
                <Table.Tr key={r.application_id}>
                  <Table.Th scope="row" fw={400}>
                    {r.name ?? r.intern_username ?? "—"}
                  </Table.Th>
                  <Table.Td>{unitName(r.unit)}</Table.Td>
                  <Table.Td>{r.expected_days}</Table.Td>
                  <Table.Td>{r.present_days}</Table.Td>
                  <Table.Td>{r.leave_days}</Table.Td>
                  <Table.Td>{r.sick_days}</Table.Td>
                  <Table.Td>{r.absent_days}</Table.Td>
                  <Table.Td>{r.hours.toLocaleString(locale === "id" ? "id-ID" : "en-GB")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
