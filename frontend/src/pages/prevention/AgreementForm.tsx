// Drafting an MoU, or a PKS under one of the office's MoUs: number, title, the parties
// (two or more) and the term. Sent once (Idempotency-Key); the API's problems at their
// fields, a party's at its row. Saved, the agreement's page opens to sign and activate.
import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { General, Saved, useWrite } from "../../components/Write";
import { FoldedForm } from "../../components/FoldedForm";
import { useT } from "../../i18n/locale";
import { itemError, partiesFrom } from "../../lib/preventionWrite";
import { errorAt } from "../case/write";
import type { Agreement } from "./data";
import { useWords } from "./shared";
import { DateField } from "../../components/DateFields";

const NOOP = () => undefined;
const PARTY_KINDS = ["office", "agency", "university", "other"] as const;

export function AgreementForm({ agreements }: { agreements: Agreement[] }): React.JSX.Element {
  const t = useT();
  const { label } = useWords();
  const [rows, setRows] = useState(2);
  const [sentRows, setSentRows] = useState<number[]>([]);
  const queries = useQueryClient();
  const navigate = useNavigate();
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["prevention", "agreements"] }), onConflict: NOOP }, { kind: "mou", "party.0.kind": "office" });
  const mous = agreements.filter((a) => a.kind === "mou");

  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    const { parties, rows: sent } = partiesFrom(v, rows);
    setSentRows(sent);
    let made: string | null = null;
    void w.send(
      async () => {
        const result = await api.POST("/api/v1/prevention/agreements", {
          body: {
            kind: v.kind === "pks" ? "pks" : "mou",
            parent_id: v.kind === "pks" ? v.parent_id || null : null,
            number: v.number?.trim() || null,
            title: v.title ?? "",
            parties,
            starts_on: v.starts_on ?? "",
            ends_on: v.ends_on ?? "",
          },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        });
        made = result.data?.id ?? null;
        return result;
      },
      () => {
        if (made) void navigate({ to: "/pencegahan/kerja-sama/$agreementId", params: { agreementId: made } });
      },
    );
  }

  const partyFields = errorAt(w.errors, "parties");
  return (
    <FoldedForm id="new-agreement" button={t("prev.agw.new")} title={t("prev.agw.newTitle")} onSubmit={submit} width={760}>
      <Saved when={w.saved} message={t("prev.agw.created")} />
      <General message={w.errors.general} />
      <Group grow align="flex-start">
        <NativeSelect
          label={t("prev.ag.kind")}
          data={["mou", "pks"].map((k) => ({ value: k, label: label("prev.ag.kind", k) }))}
          {...w.bind("kind")}
          error={errorAt(w.errors, "kind")}
        />
        {w.values.kind === "pks" && (
          <NativeSelect
            label={t("prev.agw.parent")}
            required
            data={[{ value: "", label: t("prev.agw.parentNone") }, ...mous.map((m) => ({ value: m.id, label: m.number ? `${m.number} — ${m.title}` : m.title }))]}
            {...w.bind("parent_id")}
            error={errorAt(w.errors, "parent_id")}
          />
        )}
        <TextInput label={t("prev.ag.number")} {...w.bind("number")} error={errorAt(w.errors, "number")} />
      </Group>
      <TextInput label={t("prev.ag.title")} required {...w.bind("title")} error={errorAt(w.errors, "title")} />
      {Array.from({ length: rows }, (_, row) => (
        <Group grow align="flex-start" key={row} data-party={row}>
          <TextInput
            label={t("prev.agw.partyName", { number: row + 1 })}
            required={row < 2}
            {...w.bind(`party.${row}.name`)}
            error={itemError(w.errors.fields, "parties", sentRows, row, "name") ?? (row === 0 ? partyFields : undefined)}
          />
          <NativeSelect
            label={t("prev.agw.partyKind", { number: row + 1 })}
            data={PARTY_KINDS.map((k) => ({ value: k, label: t(`prev.party.${k}`) }))}
            {...w.bind(`party.${row}.kind`)}
            value={w.values[`party.${row}.kind`] || "agency"}
            error={itemError(w.errors.fields, "parties", sentRows, row, "kind")}
          />
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => setRows((r) => Math.min(r + 1, 20))}>
          {t("prev.agw.addParty")}
        </Button>
      </Group>
      <Group grow align="flex-start">
        <DateField label={t("prev.agw.startsOn")} required {...w.bind("starts_on")} error={errorAt(w.errors, "starts_on")} />
        <DateField label={t("prev.agw.endsOn")} required {...w.bind("ends_on")} error={errorAt(w.errors, "ends_on")} />
      </Group>
      <Group>
        <Button type="submit" loading={w.busy}>
          {t("prev.agw.create")}
        </Button>
      </Group>
    </FoldedForm>
  );
}
