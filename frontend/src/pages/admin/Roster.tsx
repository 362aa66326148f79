// Examination's roster of the supervisor's office: each examiner's team, capacity, place
// in the round-robin, absence and open cases; an examiner put on it or changed (the API's
// PUT replaces the entry whole); and the office's rotation turned on or off.
import { Alert, Button, Checkbox, Group, Stack, Switch, Table, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import type { RosterEntry } from "../../lib/assignment";
import { useRoster } from "../../office";
import { errorAt } from "../case/write";
import { DateField } from "../../components/DateFields";

const NOOP = () => undefined;

export function RosterPanel({ office }: { office: string }): React.JSX.Element {
  const t = useT();
  const roster = useRoster();
  const [editing, setEditing] = useState<RosterEntry | null>(null);
  return (
    <Stack>
      <RotationForm office={office} />
      <Section title={t("roster.list")} id="roster-list">
        {roster.isPending && <Alert color="gray">{t("admin.loading")}</Alert>}
        {roster.data && roster.data.length === 0 && <Alert color="gray">{t("assign.emptyRoster")}</Alert>}
        {roster.data && roster.data.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder striped data-testid="roster-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("roster.name")}</Table.Th>
                  <Table.Th scope="col">{t("roster.team")}</Table.Th>
                  <Table.Th scope="col">{t("roster.load")}</Table.Th>
                  <Table.Th scope="col">{t("roster.inRotation")}</Table.Th>
                  <Table.Th scope="col">{t("roster.absence")}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("roster.actions")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roster.data.map((e) => (
                  <Table.Tr key={e.examiner_id} data-examiner={e.examiner_id}>
                    <Table.Th scope="row">{e.display_name}</Table.Th>
                    <Table.Td>{e.team || "—"}</Table.Td>
                    <Table.Td>{t("assign.load", { open: e.open_cases, capacity: e.capacity })}</Table.Td>
                    <Table.Td>{e.in_rotation ? t("roster.yes") : t("roster.no")}</Table.Td>
                    <Table.Td>{e.absent_from || e.absent_until ? `${e.absent_from ?? "…"} – ${e.absent_until ?? "…"}` : "—"}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => setEditing(e)} aria-label={t("roster.editOne", { name: e.display_name })}>
                        {t("roster.edit")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <ExaminerForm key={editing?.examiner_id ?? "new"} office={office} entry={editing} onDone={() => setEditing(null)} />
    </Stack>
  );
}

function ExaminerForm({ office, entry, onDone }: { office: string; entry: RosterEntry | null; onDone: () => void }) {
  const t = useT();
  const queries = useQueryClient();
  const [inRotation, setInRotation] = useState(entry?.in_rotation ?? true);
  const w = useWrite(
    { onSaved: () => void queries.invalidateQueries({ queryKey: ["roster"] }), onConflict: NOOP },
    entry
      ? {
          examiner_id: entry.examiner_id,
          display_name: entry.display_name,
          team: entry.team,
          capacity: String(entry.capacity),
          absent_from: entry.absent_from ?? "",
          absent_until: entry.absent_until ?? "",
        }
      : {},
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    void w.send(() =>
        api.PUT("/api/v1/examination/offices/{office}/examiners/{examiner_id}", {
          params: { path: { office, examiner_id: (v.examiner_id ?? "").trim() || "-" } },
          body: {
            display_name: v.display_name ?? "",
            team: v.team ?? "",
            // Not a number stays as typed: the API names the field.
            capacity: (v.capacity ?? "") === "" ? (undefined as unknown as number) : Number(v.capacity),
            in_rotation: inRotation,
            absent_from: v.absent_from || null,
            absent_until: v.absent_until || null,
          },
        }),
    );
  }

  return (
    <Section title={entry ? t("roster.editTitle", { name: entry.display_name }) : t("roster.add")} id="roster-form">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Saved when={w.saved} message={t("roster.saved")} />
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <TextInput label={t("roster.id")} description={t("roster.idHelp")} required disabled={entry !== null} {...w.bind("examiner_id")} />
            <TextInput label={t("roster.name")} required {...w.bind("display_name")} error={errorAt(w.errors, "display_name")} />
            <TextInput label={t("roster.team")} {...w.bind("team")} error={errorAt(w.errors, "team")} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t("roster.capacity")} inputMode="numeric" required {...w.bind("capacity")} error={errorAt(w.errors, "capacity")} />
            <DateField label={t("roster.absentFrom")} {...w.bind("absent_from")} error={errorAt(w.errors, "absent_from")} />
            <DateField label={t("roster.absentUntil")} {...w.bind("absent_until")} error={errorAt(w.errors, "absent_until")} />
          </Group>
          <Checkbox label={t("roster.inRotation")} checked={inRotation} onChange={(e) => setInRotation(e.currentTarget.checked)} />
          <Group>
            <Button type="submit" loading={w.busy}>
              {t("common.save")}
            </Button>
            {entry && (
              <Button variant="default" onClick={onDone}>
                {t("dup.cancel")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function RotationForm({ office }: { office: string }) {
  const t = useT();
  const queries = useQueryClient();
  const rotation = useQuery({
    queryKey: ["rotation", office],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/examination/offices/{office}/rotation", { params: { path: { office } } });
      if (error) throw new Error("rotation");
      return data;
    },
  });
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["rotation", office] }), onConflict: NOOP });
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const on = enabled ?? rotation.data?.enabled ?? false;
  const team = w.values.team ?? rotation.data?.team ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(() =>
      api.PUT("/api/v1/examination/offices/{office}/rotation", {
        params: { path: { office } },
        body: { enabled: on, team: team.trim() === "" ? null : team.trim() },
      }),
    );
  }

  return (
    <Section title={t("roster.rotation")} id="rotation-form">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Saved when={w.saved} message={t("roster.rotationSaved")} />
          <General message={w.errors.general} />
          <Switch label={t("roster.rotationOn")} checked={on} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          <TextInput label={t("roster.rotationTeam")} description={t("roster.rotationTeamHelp")} value={team} onChange={(e) => w.set("team", e.currentTarget.value)} error={errorAt(w.errors, "team")} maw={360} />
          <Group>
            <Button type="submit" loading={w.busy} disabled={!rotation.data}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
