// The assessment's entries for the reviewer: who answered, when, how many answers,
// their status; an entry is approved (scored), returned to the enumerator or held, with
// a note, as far as the API allows this reader on it (`allowed_actions`: never their own
// entry, never a held entry held twice). The review carries the entry's version (If-Match):
// when it changed meanwhile, nothing is overwritten and the list is read again.
import { Alert, Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { General, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { useOfficeZone } from "../../office";
import { allows } from "../../lib/preventionWrite";
import { errorAt } from "../case/write";
import type { Assessment } from "./data";
import { useEntries, type Entry } from "./entryData";
import { QueryState, useWords } from "./shared";

type Decision = "approved" | "returned" | "on_hold";

export function EntriesReview({ assessment }: { assessment: Assessment }): React.JSX.Element {
  const t = useT();
  const entries = useEntries(assessment.id);
  return (
    <Section title={t("prev.review.title")} id="prev-review">
      {!entries.data && <QueryState query={entries} />}
      {entries.data && entries.data.length === 0 && <Text>{t("prev.review.none")}</Text>}
      {entries.data && entries.data.length > 0 && <EntriesTable assessment={assessment} entries={entries.data} />}
    </Section>
  );
}

function EntriesTable({ assessment, entries }: { assessment: Assessment; entries: Entry[] }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const { label } = useWords();
  const zone = useOfficeZone();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder striped data-testid="entries">
        <caption className="visually-hidden">{t("prev.review.title")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("prev.entry.respondent")}</Table.Th>
            <Table.Th scope="col">{t("prev.entry.takenAt")}</Table.Th>
            <Table.Th scope="col">{t("prev.review.enumerator")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("prev.entry.answers")}
            </Table.Th>
            <Table.Th scope="col">{t("prev.a.status")}</Table.Th>
            <Table.Th scope="col">{t("prev.review.decision")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-entry={e.id} data-status={e.status}>
              <Table.Th scope="row" fw={400}>
                {label("prev.respondent", e.respondent_type)}
                {e.respondent_ref ? ` (${e.respondent_ref})` : ""}
              </Table.Th>
              <Table.Td>
                {formatDateTime(e.taken_at, zone, intl)}, {e.place}
              </Table.Td>
              <Table.Td>{e.enumerator}</Table.Td>
              <Table.Td ta="right">{e.answers.length}</Table.Td>
              <Table.Td>
                <span data-testid="entry-status">{label("prev.entry.status", e.status)}</span>
                {e.review_note && (
                  <Text size="xs" c="dimmed">
                    {e.review_note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{e.allowed_actions.length > 0 ? <ReviewForm assessment={assessment} entry={e} /> : "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReviewForm({ assessment, entry }: { assessment: Assessment; entry: Entry }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const [stale, setStale] = useState(false);
  const reread = () => {
    void queries.invalidateQueries({ queryKey: ["prevention", "entries", assessment.id] });
    void queries.invalidateQueries({ queryKey: ["prevention", "assessment", assessment.id] });
    void queries.invalidateQueries({ queryKey: ["prevention", "score", assessment.id] });
  };
  const w = useWrite({
    onSaved: () => {
      setStale(false);
      reread();
    },
    onConflict: () => {
      setStale(true);
      reread();
    },
  });

  function decide(decision: Decision) {
    void w.send(() =>
      api.POST("/api/v1/prevention/assessments/{assessment_id}/entries/{entry_id}/review", {
        params: { path: { assessment_id: assessment.id, entry_id: entry.id }, header: { "If-Match": `"${entry.version}"` } },
        body: { decision, note: w.values.note?.trim() || null },
      }),
    );
  }

  return (
    <Stack gap={4} miw={320}>
      {stale && (
        <Alert color="yellow" c="dark" role="alert">
          {t("prev.review.stale")}
        </Alert>
      )}
      <General message={w.errors.general} />
      <TextInput aria-label={`${t("prev.review.note")} (${entry.respondent_ref ?? entry.respondent_type})`} placeholder={t("prev.review.note")} {...w.bind("note")} error={errorAt(w.errors, "note")} />
      <Group gap="xs">
        {allows(entry, "approved") && (
          <Button size="xs" loading={w.busy} onClick={() => decide("approved")}>
            {t("prev.review.approve")}
          </Button>
        )}
        {allows(entry, "returned") && (
          <Button size="xs" variant="default" disabled={w.busy} onClick={() => decide("returned")}>
            {t("prev.review.return")}
          </Button>
        )}
        {allows(entry, "on_hold") && (
          <Button size="xs" variant="default" disabled={w.busy} onClick={() => decide("on_hold")}>
            {t("prev.review.hold")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
