// The reviewers' interview note on an application: when it was held and what was noted,
// sealed by the API and shown only to the reviewers it offers the `interview` action to.
// A rewrite carries the version read (If-Match); a newer one opens the conflict dialog.
import { Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { ConflictDialog } from "../../components/ConflictDialog";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { formatDateTime } from "../../lib/dates";
import { useOfficeZone } from "../../office";
import { errorAt } from "../case/write";
import type { Application } from "./data";
import { DateField } from "../../components/DateFields";

export function Interview({ application }: { application: Application }): React.JSX.Element {
  const note = useQuery({
    queryKey: ["mori", "interview", application.id],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/internship/applications/{application_id}/interview", { params: { path: { application_id: application.id } } });
      if (response.status === 404) return null;
      if (!data) throw new Error("interview");
      return data;
    },
  });
  // Kept here, not in the form: a save gives the note a new version, which mounts a new
  // form (keyed by it) and would take the "saved" notice away as soon as it showed.
  const [saved, setSaved] = useState(false);
  if (note.isLoading) return <Text>…</Text>;
  const reload = () => void note.refetch();
  return (
    <InterviewForm
      key={note.data?.version ?? 0}
      application={application}
      note={note.data ?? null}
      reload={reload}
      saved={saved}
      onSaved={() => {
        setSaved(true);
        reload();
      }}
    />
  );
}

type Note = { held_on?: string | null; note: string; written_by: string; written_at: string; version: number };

function InterviewForm({ application, note, reload, saved, onSaved }: { application: Application; note: Note | null; reload: () => void; saved: boolean; onSaved: () => void }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const [conflict, setConflict] = useState(false);
  const w = useWrite({ onSaved, onConflict: () => setConflict(true) }, { held_on: note?.held_on ?? "", note: note?.note ?? "" });
  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(() =>
      api.PUT("/api/v1/internship/applications/{application_id}/interview", {
        params: { path: { application_id: application.id } },
        headers: note ? { "If-Match": `"${note.version}"` } : {},
        body: { note: w.values.note ?? "", ...(w.values.held_on ? { held_on: w.values.held_on } : {}) },
      }),
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="interview-title">
      <ConflictDialog opened={conflict} of="record" onClose={() => setConflict(false)} onReload={() => { setConflict(false); reload(); }} />
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h3" id="interview-title">
            {t("mg.interview.title")}
          </Title>
          {note && <Text size="sm">{t("mg.interview.written", { name: note.written_by, date: formatDateTime(note.written_at, zone, locale === "id" ? "id-ID" : "en-GB") })}</Text>}
          <Saved when={(saved || w.saved) && !w.busy && !w.errors.general} message={t("mg.interview.saved")} />
          <General message={w.errors.general} />
          <Group align="flex-start">
            <DateField label={t("mg.interview.heldOn")} {...w.bind("held_on")} error={errorAt(w.errors, "held_on")} />
          </Group>
          <Textarea label={t("mg.interview.note")} description={t("mg.interview.help")} required autosize minRows={3} {...w.bind("note")} error={errorAt(w.errors, "note")} />
          <Button type="submit" variant="default" loading={w.busy} style={{ alignSelf: "flex-start" }} data-testid="interview-save">
            {t("mg.interview.save")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
