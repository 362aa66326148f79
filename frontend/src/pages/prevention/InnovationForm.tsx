// An innovation of the register (KIP4) as it should be recorded: a new one (sent once,
// Idempotency-Key) or an entry replaced with the version read (If-Match; a newer one
// opens the conflict dialog and keeps what was typed). The API's problems at their fields.
import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { ConflictDialog } from "../../components/ConflictDialog";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import type { Values } from "../fields";
import { errorAt } from "../case/write";
import type { Innovation, InnovationBody } from "./writeData";
import { DateField } from "../../components/DateFields";

const OWNERS = ["own", "agency"] as const;
const CATEGORIES = ["digital", "service", "complaint_handling", "public_information", "other"] as const;
const STATUSES = ["planned", "running", "stopped"] as const;

function valuesOf(i: Innovation | undefined, year: number): Values {
  if (!i) return { owner: "own", category: "digital", status: "running", year: String(year) };
  return {
    owner: i.owner,
    agency: i.agency ?? "",
    name: i.name,
    description: i.description,
    category: i.category,
    year: String(i.year),
    started_on: i.started_on ?? "",
    status: i.status,
    link: i.link ?? "",
  };
}

function bodyOf(v: Values): InnovationBody {
  return {
    owner: v.owner as InnovationBody["owner"],
    agency: v.owner === "agency" ? v.agency?.trim() || null : null,
    name: v.name ?? "",
    description: v.description ?? "",
    category: v.category as InnovationBody["category"],
    year: Number(v.year),
    started_on: v.started_on || null,
    status: v.status as NonNullable<InnovationBody["status"]>,
    link: v.link?.trim() || null,
  };
}

export function InnovationForm({ innovation, year, onDone }: { innovation?: Innovation; year: number; onDone?: () => void }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const refresh = () => void queries.invalidateQueries({ queryKey: ["prevention", "innovations"] });
  const w = useWrite({ onSaved: refresh, onConflict: () => setConflict(true) }, valuesOf(innovation, year));

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = bodyOf(w.values);
    if (innovation) {
      // The form stays open on the saved entry, its message said (closed with its button).
      void w.send(() =>
        api.PUT("/api/v1/prevention/innovations/{innovation_id}", {
          params: { path: { innovation_id: innovation.id } },
          body,
          headers: { "If-Match": `"${innovation.version}"` },
        }),
      );
    } else {
      void w.send(() => api.POST("/api/v1/prevention/innovations", { body, headers: { "Idempotency-Key": crypto.randomUUID() } }), () => w.reset(valuesOf(undefined, year)));
    }
  }

  const label = innovation ? t("prev.in.editOf", { name: innovation.name }) : t("prev.in.newTitle");
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <ConflictDialog of="record" opened={conflict} onClose={() => setConflict(false)} onReload={() => { setConflict(false); refresh(); }} />
      <Stack maw={760} gap="xs">
        <Saved when={w.saved} message={t(innovation ? "prev.in.saved" : "prev.in.created")} />
        <General message={w.errors.general} />
        <TextInput label={t("prev.in.name")} required {...w.bind("name")} error={errorAt(w.errors, "name")} />
        <Group grow align="flex-start">
          <NativeSelect label={t("prev.in.owner")} data={OWNERS.map((o) => ({ value: o, label: t(`prev.in.owner.${o}`) }))} {...w.bind("owner")} error={errorAt(w.errors, "owner")} />
          {w.values.owner === "agency" && <TextInput label={t("prev.in.agency")} required {...w.bind("agency")} error={errorAt(w.errors, "agency")} />}
        </Group>
        <Textarea label={t("prev.in.description")} required autosize minRows={3} {...w.bind("description")} error={errorAt(w.errors, "description")} />
        <Group grow align="flex-start">
          <NativeSelect label={t("prev.in.category")} data={CATEGORIES.map((c) => ({ value: c, label: t(`prev.in.category.${c}`) }))} {...w.bind("category")} error={errorAt(w.errors, "category")} />
          <NativeSelect label={t("prev.in.status")} data={STATUSES.map((s) => ({ value: s, label: t(`prev.in.status.${s}`) }))} {...w.bind("status")} error={errorAt(w.errors, "status")} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label={t("prev.in.year")} inputMode="numeric" required {...w.bind("year")} error={errorAt(w.errors, "year")} />
          <DateField label={t("prev.in.startedOn")} {...w.bind("started_on")} error={errorAt(w.errors, "started_on")} />
        </Group>
        <TextInput type="url" label={t("prev.in.link")} {...w.bind("link")} error={errorAt(w.errors, "link")} />
        <Group>
          <Button type="submit" loading={w.busy}>
            {t(innovation ? "prev.in.save" : "prev.in.create")}
          </Button>
          {onDone && (
            <Button variant="default" onClick={onDone}>
              {t("prev.in.cancel")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
