// The examination board: the office's cases by status and SLA state, filters in the
// URL (a link or the back button gives the same board), a real table, and keys to
// move (j/k, arrows), open (Enter) and select (x, Shift+X, *), listed in the app's
// shortcuts help (?). Whom the API allows assigns the chosen cases in bulk; anyone downloads
// the filtered CSV.
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
import { SlaChip } from "../components/SlaChip";
import { useLocale, useT } from "../i18n/locale";
import { catalogue, codeLabel } from "../i18n/messages";
import {
  caseQuery,
  CASE_STATUSES,
  CLASSIFICATIONS,
  lastDayBefore,
  SLA_STATES,
  withFilter,
  type BoardSearch,
} from "../lib/board";
import { allPages, offersBulk } from "../lib/bulk";
import { useListKeys } from "../components/useListKeys";
import { formatDate } from "../lib/dates";
import type { Shortcut } from "../lib/palette";
import { useMe, useOfficeZone, useRoster } from "../office";
import { BulkAssign, type CaseRow } from "./case/BulkAssign";
import { ROWS } from "../api/stale";

const PAGE = 50;
type CasePage = components["schemas"]["Page_CasePublic_"];
const route = getRouteApi("/pemeriksaan");
const BOARD_SHORTCUTS: readonly Shortcut[] = [
  { keys: ["j", "↓"], label: "board.keyDown" },
  { keys: ["k", "↑"], label: "board.keyUp" },
  { keys: ["Home", "End"], label: "board.keyFirst" },
  { keys: ["Enter", "o"], label: "board.keyOpen" },
  { keys: ["x"], label: "board.keySelect" },
  { keys: ["Shift+X"], label: "board.keyRange" },
  { keys: ["*"], label: "board.keyAll" },
];

export function BoardPage(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const zone = useOfficeZone();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [selected, setSelected] = useState(-1);
  const table = useRef<HTMLTableElement>(null);
  usePageShortcuts(BOARD_SHORTCUTS);

  const cases = useQuery({
    queryKey: ["cases", search],
    meta: ROWS,
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/examination/cases", {
        params: { query: caseQuery(search, PAGE) },
      });
      if (error) throw new Error("cases");
      // The listing answers JSON or CSV; JSON was asked for.
      return data as CasePage;
    },
  });
  const queries = useQueryClient();
  const chosen = useSelection<CaseRow>((c) => c.id);
  const bulk = useBulk<CaseRow>(() => {
    chosen.clear();
    void queries.invalidateQueries({ queryKey: ["cases"] });
    void queries.invalidateQueries({ queryKey: ["roster"] });
  });
  const [selectingAll, setSelectingAll] = useState(false);
  const [tooMany, setTooMany] = useState<number | null>(null);
  const roster = useRoster();
  const names = new Map((roster.data ?? []).map((e) => [e.examiner_id, e.display_name]));
  const rows = cases.data?.items ?? [];
  // The bar and the checkboxes when the API allows this caller bulk work on a row shown,
  // or while the bar's work is on screen.
  const bulkOffered = offersBulk(rows, { chosen: chosen.chosen.size, stage: bulk.stage.kind });
  const nameOf = (examiner: string | null) =>
    examiner === null ? t("case.unassigned") : examiner === me.data?.subject ? t("case.you") : (names.get(examiner) ?? examiner);

  // Every case the filters select, all pages: "select everything filtered".
  async function selectAllFiltered() {
    setSelectingAll(true);
    const { rows: every, complete } = await allPages(async (cursor) => {
      const { data, error } = await api.GET("/api/v1/examination/cases", {
        params: { query: { ...caseQuery({ ...search, kursor: cursor }, 200) } },
      });
      if (error) throw new Error("cases");
      return data as CasePage;
    }).finally(() => setSelectingAll(false));
    chosen.choose(every);
    setTooMany(complete ? null : every.length);
  }

  // A new page or filter: nothing selected until a key moves.
  useEffect(() => setSelected(-1), [search]);

  useListKeys({
    rows,
    highlighted: selected,
    setHighlighted: setSelected,
    focusables: () => table.current?.querySelectorAll<HTMLAnchorElement>("a[data-case]"),
    selection: chosen,
    open: (row) => void navigate({ to: "/pemeriksaan/$caseId", params: { caseId: row.id } }),
  });

  function filter<K extends keyof Omit<BoardSearch, "kursor">>(key: K, value: BoardSearch[K] | null) {
    void navigate({ to: "/pemeriksaan", search: withFilter(search, key, value) });
  }

  const examinerOptions = [
    ...(me.data ? [{ value: me.data.subject, label: t("case.you") }] : []),
    ...(roster.data ?? [])
      .filter((e) => e.examiner_id !== me.data?.subject)
      .map((e) => ({ value: e.examiner_id, label: e.display_name })),
  ];
  if (search.pemeriksa && !examinerOptions.some((o) => o.value === search.pemeriksa)) {
    examinerOptions.push({ value: search.pemeriksa, label: search.pemeriksa });
  }

  return (
    <Stack>
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          {t("board.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("board.hint")}
        </Text>
      </Group>
      <Group grow align="flex-start" role="search" aria-label={t("board.filters")}>
        <Select
          label={t("board.status")}
          placeholder={t("board.any")}
          data={CASE_STATUSES.map((s) => ({ value: s, label: codeLabel(labels, "caseStatus", s) }))}
          value={search.status ?? null}
          onChange={(v) => filter("status", (v as BoardSearch["status"]) ?? null)}
          clearable
          clearButtonProps={{ "aria-label": t("board.clear") }}
        />
        <Select
          label={t("board.sla")}
          placeholder={t("board.any")}
          data={SLA_STATES.map((s) => ({ value: s, label: codeLabel(labels, "slaState", s) }))}
          value={search.sla ?? null}
          onChange={(v) => filter("sla", (v as BoardSearch["sla"]) ?? null)}
          clearable
          clearButtonProps={{ "aria-label": t("board.clear") }}
        />
        <Select
          label={t("board.classification")}
          placeholder={t("board.any")}
          data={CLASSIFICATIONS.map((c) => ({ value: c, label: codeLabel(labels, "classification", c) }))}
          value={search.klasifikasi ?? null}
          onChange={(v) => filter("klasifikasi", (v as BoardSearch["klasifikasi"]) ?? null)}
          clearable
          clearButtonProps={{ "aria-label": t("board.clear") }}
        />
        <Select
          label={t("case.examiner")}
          placeholder={t("board.any")}
          data={examinerOptions}
          value={search.pemeriksa ?? null}
          onChange={(v) => filter("pemeriksa", v)}
          clearable
          clearButtonProps={{ "aria-label": t("board.clear") }}
          searchable
        />
      </Group>
      <Group justify="space-between" align="flex-end">
        <span />
        <CsvButton path="/api/v1/examination/cases" query={caseQuery(search, PAGE)} fallback="perkara.csv" />
      </Group>
      {bulkOffered && (
        <BulkBar
          bulk={bulk}
          count={chosen.chosen.size}
          labelOf={(c) => `${c.registration_number} · ${c.reported_agency}`}
          onClear={() => {
            chosen.clear();
            setTooMany(null);
          }}
          onSelectAll={() => void selectAllFiltered()}
          selectingAll={selectingAll}
          note={tooMany !== null ? t("bulk.tooMany", { count: tooMany }) : null}
        >
          <BulkAssign rows={[...chosen.chosen.values()]} bulk={bulk} nameOf={nameOf} />
        </BulkBar>
      )}
      {cases.isLoading && <Loader role="status" aria-label={t("common.loading")} />}
      {cases.isError && <Alert color="red">{t("form.error")}</Alert>}
      {cases.data && rows.length === 0 && <Text role="status">{t("board.empty")}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table ref={table} withTableBorder highlightOnHover>
            <caption className="visually-hidden">{t("board.caption")}</caption>
            <Table.Thead>
              <Table.Tr>
                {bulkOffered && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t("bulk.selectShown")}
                      checked={rows.every((c) => chosen.has(c.id))}
                      indeterminate={!rows.every((c) => chosen.has(c.id)) && rows.some((c) => chosen.has(c.id))}
                      onChange={() => chosen.toggleShown(rows)}
                    />
                  </Table.Td>
                )}
                <Table.Th scope="col">{t("board.number")}</Table.Th>
                <Table.Th scope="col">{t("board.agency")}</Table.Th>
                <Table.Th scope="col">{t("board.summary")}</Table.Th>
                <Table.Th scope="col">{t("board.status")}</Table.Th>
                <Table.Th scope="col">{t("board.sla")}</Table.Th>
                <Table.Th scope="col">{t("case.examiner")}</Table.Th>
                <Table.Th scope="col">{t("board.opened")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c, i) => (
                <Table.Tr key={c.id} data-selected={i === selected} data-chosen={chosen.has(c.id)} data-case-row={c.registration_number}>
                  {bulkOffered && (
                    <Table.Td>
                      <Checkbox
                        aria-label={t("bulk.selectRow", { label: c.registration_number })}
                        checked={chosen.has(c.id)}
                        onChange={() => chosen.toggle(rows, i)}
                      />
                    </Table.Td>
                  )}
                  <Table.Th scope="row" fw={600}>
                    <AppLink
                      to="/pemeriksaan/$caseId"
                      params={{ caseId: c.id }}
                      data-case={c.id}
                      onFocus={() => setSelected(i)}
                    >
                      {c.registration_number}
                    </AppLink>
                  </Table.Th>
                  <Table.Td>{c.reported_agency}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {c.summary}
                    </Text>
                  </Table.Td>
                  <Table.Td>{codeLabel(labels, "caseStatus", c.status)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <SlaChip state={c.sla_state} days={c.sla_days_left ?? null} unit={c.sla_unit ?? undefined} />
                      {c.sla_breach_at && c.sla_state !== "met" && c.sla_state !== "paused" && (
                        <Text size="xs" c="dimmed">
                          {t("sla.dueOn", { date: formatDate(lastDayBefore(c.sla_breach_at), zone, locale === "id" ? "id-ID" : "en-GB") })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{nameOf(c.examiner_id)}</Table.Td>
                  <Table.Td>{formatDate(c.opened_at, zone, locale === "id" ? "id-ID" : "en-GB")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        {search.kursor && (
          <AppLink to="/pemeriksaan" search={{ ...search, kursor: undefined }}>
            {t("board.first")}
          </AppLink>
        )}
        {cases.data?.next_cursor && (
          <AppLink to="/pemeriksaan" search={{ ...search, kursor: cases.data.next_cursor }}>
            {t("board.next")}
          </AppLink>
        )}
      </Group>
    </Stack>
  );
}
