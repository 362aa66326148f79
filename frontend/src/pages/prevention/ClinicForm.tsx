// A new complaint clinic of the office: title, date, place, the agencies invited (one
// per line) and the test's highest score. Sent once (Idempotency-Key), the API's
// problems at their fields; saved, the clinic's page opens to register participants.
import { Button, Group, TextInput, Textarea } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent } from "react";
import { api } from "../../api/client";
import { General, Saved, useWrite } from "../../components/Write";
import { FoldedForm } from "../../components/FoldedForm";
import { useT } from "../../i18n/locale";
import { errorAt } from "../case/write";
import { DateField } from "../../components/DateFields";

const NOOP = () => undefined;

export function ClinicForm(): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["prevention", "clinics"] }), onConflict: NOOP }, { max_score: "100" });

  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    let made: string | null = null;
    void w.send(
      async () => {
        const result = await api.POST("/api/v1/prevention/clinics", {
          body: {
            title: v.title ?? "",
            held_on: v.held_on ?? "",
            place: v.place ?? "",
            agencies: (v.agencies ?? "").split("\n").map((s) => s.trim()).filter(Boolean),
            max_score: Number(v.max_score || 100),
          },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        });
        made = result.data?.id ?? null;
        return result;
      },
      () => {
        if (made) void navigate({ to: "/pencegahan/klinik/$clinicId", params: { clinicId: made } });
      },
    );
  }

  return (
    <FoldedForm id="new-clinic" button={t("prev.clw.new")} title={t("prev.clw.newTitle")} onSubmit={submit}>
      <Saved when={w.saved} message={t("prev.clw.created")} />
      <General message={w.errors.general} />
      <TextInput label={t("prev.clw.title")} required {...w.bind("title")} error={errorAt(w.errors, "title")} />
      <Group grow align="flex-start">
        <DateField label={t("prev.cl.heldOn")} required {...w.bind("held_on")} error={errorAt(w.errors, "held_on")} />
        <TextInput label={t("prev.clw.maxScore")} inputMode="numeric" {...w.bind("max_score")} error={errorAt(w.errors, "max_score")} />
      </Group>
      <TextInput label={t("prev.cl.place")} required {...w.bind("place")} error={errorAt(w.errors, "place")} />
      <Textarea label={t("prev.clw.agencies")} autosize minRows={2} {...w.bind("agencies")} error={errorAt(w.errors, "agencies")} />
      <Group>
        <Button type="submit" loading={w.busy}>
          {t("prev.clw.create")}
        </Button>
      </Group>
    </FoldedForm>
  );
}
