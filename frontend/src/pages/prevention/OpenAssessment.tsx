// Opening an assessment: the unit of the office, its region, the year and the scheme
// version it is scored with (frozen from then on). Saved, its page opens to enter the
// answers. Sent once (Idempotency-Key), the API's problems at their fields.
import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent } from "react";
import { api } from "../../api/client";
import { General, Saved, useWrite } from "../../components/Write";
import { FoldedForm } from "../../components/FoldedForm";
import { useT } from "../../i18n/locale";
import { errorAt } from "../case/write";
import { UNIT_TYPES, useSchemes, type UnitType } from "./entryData";
import { useWords } from "./shared";

const NOOP = () => undefined;

export function OpenAssessment({ year }: { year: number }): React.JSX.Element {
  const t = useT();
  const { label } = useWords();
  const schemes = useSchemes();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["prevention", "assessments"] }), onConflict: NOOP }, { unit_type: "city" });
  // Unless one is chosen: the latest agency scheme whose years cover the year typed.
  const typed = Number(w.values.year ?? year);
  const covering = schemes.data?.find((s) => s.kind === "agency" && s.year_from <= typed && (s.year_to ?? typed) >= typed);
  const schemeId = w.values.scheme_id || covering?.id || schemes.data?.[0]?.id || "";

  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    let made: string | null = null;
    void w.send(
      async () => {
        const result = await api.POST("/api/v1/prevention/assessments", {
          body: {
            unit_name: v.unit_name ?? "",
            unit_type: v.unit_type as UnitType,
            region: v.region ?? "",
            regency: v.regency?.trim() || null,
            year: Number(v.year || year),
            scheme_id: schemeId,
          },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        });
        made = result.data?.id ?? null;
        return result;
      },
      () => {
        if (made) void navigate({ to: "/pencegahan/penilaian/$assessmentId", params: { assessmentId: made } });
      },
    );
  }

  return (
    <FoldedForm id="open-assessment" button={t("prev.open.button")} title={t("prev.open.title")} onSubmit={submit}>
      <Saved when={w.saved} message={t("prev.open.saved")} />
      <General message={w.errors.general} />
      <TextInput label={t("prev.a.unit")} required {...w.bind("unit_name")} error={errorAt(w.errors, "unit_name")} />
      <Group grow align="flex-start">
        <NativeSelect
          label={t("prev.open.unitType")}
          data={UNIT_TYPES.map((u) => ({ value: u, label: label("prev.unitType", u) }))}
          {...w.bind("unit_type")}
          error={errorAt(w.errors, "unit_type")}
        />
        <TextInput label={t("prev.year")} inputMode="numeric" {...w.bind("year")} value={w.values.year ?? String(year)} error={errorAt(w.errors, "year")} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t("prev.open.region")} required {...w.bind("region")} error={errorAt(w.errors, "region")} />
        <TextInput label={t("prev.open.regency")} {...w.bind("regency")} error={errorAt(w.errors, "regency")} />
      </Group>
      <NativeSelect
        label={t("prev.a.scheme")}
        data={(schemes.data ?? []).map((s) => ({ value: s.id, label: `${s.title} (${s.code} v${s.version})` }))}
        {...w.bind("scheme_id")}
        value={schemeId}
        error={errorAt(w.errors, "scheme_id")}
      />
      <Group>
        <Button type="submit" loading={w.busy} disabled={!schemeId}>
          {t("prev.open.submit")}
        </Button>
      </Group>
    </FoldedForm>
  );
}
