// The intake verification queue: the office's reports by status with their completion
// deadlines, filters in the URL (a link or the back button gives the same queue), a real
// table, and the board's keys to move (j/k, arrows), open (Enter) and select (x, Shift+X,
// *). Whom the API allows routes the chosen reports in bulk; anyone downloads the CSV.
import { Alert, Checkbox, Group, Loader, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { components } from "../api/schema";
import { AppLink } from "../components/AppLink";
import { usePageShortcuts } from "../components/Shortcuts";
import { BulkBar } from "../components/BulkBar";
import { CsvButton } from "../components/CsvButton";
import { useBulk, useSelection } from "../components/useBulk";
import { useLocale, useT } from "../i18n/locale";
import { catalogue, codeLabel } from "../i18n/messages";
import { lastDayBefore } from "../lib/board";
import { allPages, offersBulk } from "../lib/bulk";
import { useListKeys } from "../components/useListKeys";
import { formatDate } from "../lib/dates";
import type { Shortcut } from "../lib/palette";
import { REPORT_STATUSES, reportQuery, withQueueFilter, type QueueSearch } from "../lib/verification";
import { useOfficeZone } from "../office";
import { BulkRoute, type ReportRow } from "./report/BulkRoute";
import { ROWS } from "../api/stale";

const PAGE = 50;
type ReportPage = components["schemas"]["Page_ReportPublic_"];
const route = getRouteApi("/verifikasi");
const QUEUE_SHORTCUTS: readonly Shortcut[] = [
  { keys: ["j", "↓"], label: "board.keyDown" },
  { keys: ["k", "↑"], label: "board.keyUp" },
  { keys: ["Home", "End"], label: "board.keyFirst" },
  { keys: ["Enter", "o"], label: "keys.openReport" },
];
// An intake officer also chooses reports for the bulk bar: the help lists the keys the
// page then handles, and only then.
const OFFICER_SHORTCUTS: readonly Shortcut[] = [
  ...QUEUE_SHORTCUTS,
  { keys: ["x"], label: "keys.selectReport" },
  { keys: ["Shift+X"], label: "keys.rangeReport" },
  { keys: ["*"], label: "board.keyAll" },
];

export function VerificationPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const intlLocale = locale === "id" ? "id-ID" : "en-GB";
  const zone = useOfficeZone();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [selected, setSelected] = useState(-1);
  const table = useRef<HTMLTableElement>(null);

  const reports = useQuery({
    queryKey: ["reports", search],
    meta: ROWS,
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/reports", {
        params: { query: reportQuery(search, PAGE) },
      });
      if (error) throw new Error("reports");
      // The listing answers JSON or CSV; JSON was asked for.
      return data as ReportPage;
    },
  });
  const rows = reports.data?.items ?? [];

  const queries = useQueryClient();
  const chosen = useSelection<ReportRow>((r) => r.id);
  const bulk = useBulk<ReportRow>(() => {
    chosen.clear();
    void queries.invalidateQueries({ queryKey: ["reports"] });
  });
  // The bar, the checkboxes and their keys when the API allows this caller bulk work
  // (routing) on a row shown, or while the bar's work is on screen.
  const officer = offersBulk(rows, { chosen: chosen.chosen.size, stage: bulk.stage.kind });
  const [selectingAll, setSelectingAll] = useState(false);
  const [tooMany, setTooMany] = useState<number | null>(null);

  // Every report the filters select, all pages: "select everything filtered".
  async function selectAllFiltered() {
    setSelectingAll(true);
    const { rows: every, complete } = await allPages(async (cursor) => {
      const { data, error } = await api.GET("/api/v1/intake/reports", {
        params: { query: reportQuery({ ...search, kursor: cursor }, 200) },
      });
      if (error) throw new Error("reports");
      return data as ReportPage;
    }).finally(() => setSelectingAll(false));
    chosen.choose(every);
    setTooMany(complete ? null : every.length);
  }

  useEffect(() => setSelected(-1), [search]);
  usePageShortcuts(officer ? OFFICER_SHORTCUTS : QUEUE_SHORTCUTS);

  useListKeys({
    rows,
    highlighted: selected,
    setHighlighted: setSelected,
    focusables: () => table.current?.querySelectorAll<HTMLAnchorElement>("a[data-report]"),
    selection: officer ? chosen : undefined,
    open: (row) => void navigate({ to: "/verifikasi/$reportId", params: { reportId: row.id } }),
  });

  function filter<K extends keyof Omit<QueueSearch, "kursor">>(key: K, value: QueueSearch[K] | null) {
    void navigate({ to: "/verifikasi", search: withQueueFilter(search, key, value) });
  }

  return (
    <Stack>
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          {t("queue.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("queue.hint")}
        </Text>
      </Group>
      <Group align="flex-end" role="search" aria-label={t("board.filters")}>
        <Select
          label={t("board.status")}
          placeholder={t("board.any")}
          data={REPORT_STATUSES.map((s) => ({ value: s, label: codeLabel(labels, "status", s) }))}
          value={search.status ?? null}
          onChange={(v) => filter("status", (v as QueueSearch["status"]) ?? null)}
          clearable
          clearButtonProps={{ "aria-label": t("board.clear") }}
          w={280}
        />
        <Checkbox
          label={t("queue.awaitingNotice")}
          checked={search.awaiting_notice === true}
          onChange={(e) => filter("awaiting_notice", e.currentTarget.checked ? true : null)}
          mb={8}
        />
        <Checkbox
          label={t("queue.overdue")}
          checked={search.lewat === true}
          onChange={(e) => filter("lewat", e.currentTarget.checked ? true : null)}
          mb={8}
        />
      </Group>
      <Group justify="flex-end">
        <CsvButton path="/api/v1/intake/reports" query={reportQuery(search, PAGE)} fallback="laporan.csv" />
      </Group>
      {officer && (
        <BulkBar
          bulk={bulk}
          count={chosen.chosen.size}
          labelOf={(r) => `${r.registration_number} · ${codeLabel(labels, "status", r.status)}`}
          onClear={() => {
            chosen.clear();
            setTooMany(null);
          }}
          onSelectAll={() => void selectAllFiltered()}
          selectingAll={selectingAll}
          note={tooMany !== null ? t("bulk.tooMany", { count: tooMany }) : null}
        >
          <BulkRoute rows={[...chosen.chosen.values()]} bulk={bulk} />
        </BulkBar>
      )}
      {reports.isLoading && <Loader role="status" aria-label={t("common.loading")} />}
      {reports.isError && <Alert color="red">{t("form.error")}</Alert>}
      {reports.data && rows.length === 0 && <Text role="status">{t("queue.empty")}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table ref={table} withTableBorder highlightOnHover>
            <caption className="visually-hidden">{t("queue.caption")}</caption>
            <Table.Thead>
              <Table.Tr>
                {officer && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t("bulk.selectShown")}
                      checked={rows.every((r) => chosen.has(r.id))}
                      indeterminate={!rows.every((r) => chosen.has(r.id)) && rows.some((r) => chosen.has(r.id))}
                      onChange={() => chosen.toggleShown(rows)}
                    />
                  </Table.Td>
                )}
                <Table.Th scope="col">{t("board.number")}</Table.Th>
                <Table.Th scope="col">{t("track.kind")}</Table.Th>
                <Table.Th scope="col">{t("board.summary")}</Table.Th>
                <Table.Th scope="col">{t("board.status")}</Table.Th>
                <Table.Th scope="col">{t("queue.deadline")}</Table.Th>
                <Table.Th scope="col">{t("queue.received")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={r.id} data-selected={i === selected} data-chosen={chosen.has(r.id)} data-report-row={r.registration_number}>
                  {officer && (
                    <Table.Td>
                      <Checkbox aria-label={t("bulk.selectRow", { label: r.registration_number })} checked={chosen.has(r.id)} onChange={() => chosen.toggle(rows, i)} />
                    </Table.Td>
                  )}
                  <Table.Th scope="row" fw={600}>
                    <AppLink
                      to="/verifikasi/$reportId"
                      params={{ reportId: r.id }}
                      data-report={r.id}
                      onFocus={() => setSelected(i)}
                    >
                      {r.registration_number}
                    </AppLink>
                  </Table.Th>
                  <Table.Td>{codeLabel(labels, "kind", r.kind)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {r.summary}
                    </Text>
                  </Table.Td>
                  <Table.Td>{codeLabel(labels, "status", r.status)}</Table.Td>
                  <Table.Td>
                    {r.completion_due
                      ? formatDate(lastDayBefore(r.completion_due), zone, intlLocale)
                      : r.status === "awaiting_completion"
                        ? t("queue.noNotice")
                        : "—"}
                  </Table.Td>
                  <Table.Td>{formatDate(r.received_at, zone, intlLocale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        {search.kursor && (
          <AppLink to="/verifikasi" search={{ ...search, kursor: undefined }}>
            {t("board.first")}
          </AppLink>
        )}
        {reports.data?.next_cursor && (
          <AppLink to="/verifikasi" search={{ ...search, kursor: reports.data.next_cursor }}>
            {t("board.next")}
          </AppLink>
        )}
      </Group>
    </Stack>
  );
}
