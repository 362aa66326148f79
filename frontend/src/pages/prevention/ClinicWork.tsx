// Running a clinic, as far as the API offers the reader (`allowed_steps`): registering
// participants (names as the API returns them: masked outside the prevention unit),
// ticking who attended, typing pre- and post-test scores (the API's problem at the
// participant's row), completing it, and downloading an attendee's certificate. Each
// write on the clinic sends its version (If-Match); a newer one opens the conflict dialog.
import { Alert, Button, Checkbox, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { fetchFile, save } from "../../api/files";
import { ConflictDialog } from "../../components/ConflictDialog";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { itemError, offers, scoresFrom } from "../../lib/preventionWrite";
import { errorAt } from "../case/write";

type Clinic = components["schemas"]["ClinicPublic"];

export function ClinicWork({ clinic }: { clinic: Clinic }): React.JSX.Element | null {
  const t = useT();
  const queries = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const [sent, setSent] = useState<string[]>([]);
  const [failed, setFailed] = useState(false);
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ["prevention", "clinic", clinic.id] });
    void queries.invalidateQueries({ queryKey: ["prevention", "clinics"] });
  };
  const handlers = { onSaved: refresh, onConflict: () => setConflict(true) };
  // The clinic a write answers is the current one: kept at once, so that the next write
  // sends its version even before the refresh lands (no needless conflict).
  async function kept<R extends { data?: Clinic }>(call: Promise<R>): Promise<R> {
    const result = await call;
    const answer = result.data;
    if (answer) queries.setQueryData(["prevention", "clinic", clinic.id], (old: { clinic: Clinic } | null | undefined) => (old ? { ...old, clinic: answer } : old));
    return result;
  }
  const people = clinic.participants;
  const attendance = useWrite(handlers, Object.fromEntries(people.map((p) => [`att.${p.id}`, p.attended ? "1" : ""])));
  const scores = useWrite(
    handlers,
    Object.fromEntries(people.flatMap((p) => [[`pre.${p.id}`, p.pre_score?.toString() ?? ""], [`post.${p.id}`, p.post_score?.toString() ?? ""]])),
  );
  const complete = useWrite(handlers);
  const ifMatch = { "If-Match": `"${clinic.version}"` };
  const path = { params: { path: { clinic_id: clinic.id } }, headers: ifMatch };
  const running = offers(clinic, "attendance") || offers(clinic, "tests");
  if (!running && !offers(clinic, "certificate") && !offers(clinic, "register")) return null;

  function saveAttendance() {
    const attended = people.filter((p) => attendance.values[`att.${p.id}`] === "1").map((p) => p.id);
    void attendance.send(() => kept(api.PUT("/api/v1/prevention/clinics/{clinic_id}/attendance", { ...path, body: { attended } })));
  }
  function saveScores() {
    const { scores: rows, invalid } = scoresFrom(people.map((p) => p.id), scores.values);
    if (invalid.length > 0) {
      scores.setErrors({ fields: Object.fromEntries(invalid.map((f) => [f, t("prev.clw.notNumber")])), general: t("register.fix") });
      return;
    }
    if (rows.length === 0) {
      scores.setErrors({ fields: {}, general: t("prev.clw.noScores") });
      return;
    }
    setSent(rows.map((r) => r.participant_id));
    void scores.send(() => kept(api.POST("/api/v1/prevention/clinics/{clinic_id}/tests", { ...path, body: { scores: rows } })));
  }
  async function certificate(id: string, code: string) {
    setFailed(false);
    try {
      save(await fetchFile(`/api/v1/prevention/clinics/${clinic.id}/participants/${id}/certificate.pdf`, "application/pdf", `sertifikat-${code}.pdf`));
    } catch {
      setFailed(true);
    }
  }
  const scoreError = (id: string, part: "pre" | "post") => scores.errors.fields[`${part}.${id}`] ?? itemError(scores.errors.fields, "scores", sent, id, part);

  return (
    <Section title={t("prev.clw.work")} id="clinic-work">
      <ConflictDialog of="record" opened={conflict} onClose={() => setConflict(false)} onReload={() => { setConflict(false); refresh(); }} />
      {running && <Text size="sm">{t("prev.clw.workHint")}</Text>}
      <Saved when={attendance.saved} message={t("prev.clw.attendanceSaved")} />
      <Saved when={scores.saved} message={t("prev.clw.scoresSaved")} />
      <Saved when={complete.saved} message={t("prev.clw.completed")} />
      <General message={attendance.errors.general ?? scores.errors.general ?? complete.errors.general} />
      {failed && (
        <Alert color="red" role="alert">
          {t("prev.clw.certificateFailed")}
        </Alert>
      )}
      {people.length === 0 ? (
        <Text>{t("prev.clw.noParticipants")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table withTableBorder data-testid="clinic-participants">
            <caption className="visually-hidden">{t("prev.clw.work")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("prev.cl.name")}</Table.Th>
                <Table.Th scope="col">{t("prev.cl.agency")}</Table.Th>
                <Table.Th scope="col">{t("prev.cl.attended")}</Table.Th>
                <Table.Th scope="col">{t("prev.cl.pre")}</Table.Th>
                <Table.Th scope="col">{t("prev.cl.post")}</Table.Th>
                {offers(clinic, "certificate") && <Table.Th scope="col">{t("prev.clw.certificate")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.map((p) => (
                <Table.Tr key={p.id} data-participant={p.id}>
                  <Table.Th scope="row" fw={400}>
                    {p.name}
                  </Table.Th>
                  <Table.Td>{p.agency}</Table.Td>
                  <Table.Td>
                    {offers(clinic, "attendance") ? (
                      <Checkbox
                        aria-label={t("prev.clw.attendedOf", { name: p.name })}
                        checked={attendance.values[`att.${p.id}`] === "1"}
                        onChange={(e) => attendance.set(`att.${p.id}`, e.currentTarget.checked ? "1" : "")}
                      />
                    ) : (
                      (p.attended ? "✓ " : "— ") + t(p.attended ? "prev.clw.yes" : "prev.clw.no")
                    )}
                  </Table.Td>
                  {(["pre", "post"] as const).map((part) => (
                    <Table.Td key={part} miw={110}>
                      {offers(clinic, "tests") ? (
                        <TextInput
                          inputMode="numeric"
                          aria-label={t(part === "pre" ? "prev.clw.preOf" : "prev.clw.postOf", { name: p.name })}
                          {...scores.bind(`${part}.${p.id}`)}
                          error={scoreError(p.id, part)}
                        />
                      ) : (
                        ((part === "pre" ? p.pre_score : p.post_score) ?? "—")
                      )}
                    </Table.Td>
                  ))}
                  {offers(clinic, "certificate") && (
                    <Table.Td>
                      {p.certificate_code ? (
                        <Button variant="default" size="xs" onClick={() => void certificate(p.id, p.certificate_code ?? "")} aria-label={t("prev.clw.certificateOf", { name: p.name })}>
                          {t("prev.clw.certificate")}
                        </Button>
                      ) : (
                        "—"
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {running && people.length > 0 && (
        <Group>
          {offers(clinic, "attendance") && (
            <Button variant="default" onClick={saveAttendance} loading={attendance.busy}>
              {t("prev.clw.saveAttendance")}
            </Button>
          )}
          {offers(clinic, "tests") && (
            <Button onClick={saveScores} loading={scores.busy}>
              {t("prev.clw.saveScores")}
            </Button>
          )}
        </Group>
      )}
      {offers(clinic, "register") && <Register clinicId={clinic.id} onSaved={refresh} />}
      {offers(clinic, "complete") && (
        <Stack gap="xs">
          <Text size="sm">{t("prev.clw.completeHint")}</Text>
          <Group>
            <Button onClick={() => void complete.send(() => kept(api.POST("/api/v1/prevention/clinics/{clinic_id}/complete", path)))} loading={complete.busy}>
              {t("prev.clw.complete")}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

function Register({ clinicId, onSaved }: { clinicId: string; onSaved: () => void }): React.JSX.Element {
  const t = useT();
  const w = useWrite({ onSaved, onConflict: () => undefined });
  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(
      () =>
        api.POST("/api/v1/prevention/clinics/{clinic_id}/participants", {
          params: { path: { clinic_id: clinicId } },
          body: { name: w.values.name ?? "", agency: w.values.agency ?? "" },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        }),
      () => w.reset({ agency: w.values.agency ?? "" }), // the next one, often of the same agency
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("prev.clw.register")}>
      <Stack maw={720} gap="xs">
        <Saved when={w.saved} message={t("prev.clw.registered")} />
        <General message={w.errors.general} />
        <Group grow align="flex-start">
          <TextInput label={t("prev.clw.name")} required autoComplete="off" {...w.bind("name")} error={errorAt(w.errors, "name")} />
          <TextInput label={t("prev.clw.agency")} required {...w.bind("agency")} error={errorAt(w.errors, "agency")} />
        </Group>
        <Group>
          <Button type="submit" variant="default" loading={w.busy}>
            {t("prev.clw.register")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
