// The head edits the year's targets (the office's performance agreement): one field per
// indicator the API lists, in its order; the whole set is sent (the API replaces it),
// and its refusals are shown at their indicators.
import { Alert, Button, Group, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { targetsBody, targetsDraft } from "../../lib/kpi";
import { formErrors, isProblem, type FormErrors } from "../../lib/problems";
import type { KpiReport } from "./data";
import { useShownErrors } from "../useFields";

export function TargetEditor({ year, office, report, targets }: { year: number; office: string; report: KpiReport; targets: Record<string, number> }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const queries = useQueryClient();
  const codes = report.items.map((i) => i.indicator);
  const [values, setValues] = useState(() => targetsDraft(codes, targets, locale === "id" ? "id-ID" : "en-GB"));
  const [kept, setErrors] = useState<FormErrors>({ fields: {}, general: null });
  const errors = useShownErrors(kept); // reworded after a switch of language
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const body = targetsBody(values);
    if (body.invalid.length > 0) {
      setErrors({ fields: Object.fromEntries(body.invalid.map((c) => [`targets.${c}`, t("kpi.notNumber")])), general: t("kpi.fix") });
      return;
    }
    setBusy(true);
    const { error, response } = await api.PUT("/api/v1/reporting/targets/{year}", {
      params: { path: { year } },
      body: { office, targets: body.targets },
    });
    setBusy(false);
    if (response.ok) {
      setErrors({ fields: {}, general: null });
      setSaved(true);
      await queries.invalidateQueries({ queryKey: ["kpis", year] });
      await queries.invalidateQueries({ queryKey: ["targets", year] });
      return;
    }
    // The API's reasons (kpis.rules.target_problems) in the user's language.
    const known = {
      "A percentage target is at most 100.": t("kpi.errPercent"),
      "A rating target is between 1 and 5.": t("kpi.errRating"),
      "An index target is at most 100.": t("kpi.errIndex"),
    };
    const found = isProblem(error) ? formErrors(error, t("form.error"), known) : { fields: {}, general: t("form.error") };
    setErrors({ ...found, general: found.general ?? t("kpi.fix") });
  }

  return (
    <Section title={t("kpi.edit", { year: String(year) })} id="kpi-edit">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text>{t("kpi.editIntro")}</Text>
          {saved && (
            <Alert color="green" role="status">
              {t("kpi.saved")}
            </Alert>
          )}
          {errors.general && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {report.items.map((item) => (
              <TextInput
                key={item.indicator}
                label={codeLabel(labels, "indicator", item.indicator)}
                description={codeLabel(labels, "unit", item.unit)}
                inputMode="decimal"
                value={values[item.indicator] ?? ""}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setValues((v) => ({ ...v, [item.indicator]: value }));
                  setErrors((e) => ({ ...e, fields: { ...e.fields, [`targets.${item.indicator}`]: "" } }));
                }}
                error={errors.fields[`targets.${item.indicator}`]}
              />
            ))}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={busy}>
              {t("kpi.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
