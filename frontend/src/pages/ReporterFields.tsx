// The reporter's fields of a report as staff and Sahabat Ombudsman members type them
// (the desk's registration, a member's report for a citizen): name, NIK, phone, email,
// address, optionally how they want to be told, and whether their identity is kept
// confidential. One component, so the two forms ask the same thing the same way; with
// the NIK check (as the API checks it) and the reading of the API's refusal both use.
import { Checkbox, Fieldset, Group, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useT } from "../i18n/locale";
import { latestDateInIndonesia, nikProblem } from "../lib/nik";
import { NOTIFY_BY } from "../lib/notify";
import { formErrors, isProblem, type FormErrors } from "../lib/problems";
import type { useFields } from "./useFields";

type Fields = ReturnType<typeof useFields>;
type Translate = ReturnType<typeof useT>;

export function ReporterFields({
  fields,
  confidential,
  onConfidential,
  askNotifyBy = false,
}: {
  fields: Fields;
  confidential: boolean;
  onConfidential: (confidential: boolean) => void;
  askNotifyBy?: boolean;
}): React.JSX.Element {
  const t = useT();
  const { bind, values, set, errors } = fields;
  return (
    <Fieldset legend={t("register.reporter")}>
      <Stack>
        <TextInput label={t("register.name")} required {...bind("reporter.name")} />
        <TextInput label={t("register.nik")} description={t("register.nikHelp")} inputMode="numeric" maxLength={16} {...bind("reporter.nik")} />
        <Group grow>
          <TextInput label={t("register.phone")} type="tel" {...bind("reporter.phone")} />
          <TextInput label={t("register.email")} type="email" {...bind("reporter.email")} />
        </Group>
        <Textarea label={t("register.address")} autosize minRows={2} {...bind("reporter.address")} />
        {askNotifyBy && (
          <Select
            label={t("register.notifyBy")}
            description={t("register.notifyByHelp")}
            data={NOTIFY_BY.map((n) => ({ value: n, label: t(`notifyBy.${n}`) }))}
            value={values["reporter.notify_by"] || null}
            onChange={(v) => set("reporter.notify_by", v ?? "")}
            error={errors.fields["reporter.notify_by"]}
            clearable
          />
        )}
        <Checkbox label={t("register.confidential")} checked={confidential} onChange={(e) => onConfidential(e.currentTarget.checked)} />
      </Stack>
    </Fieldset>
  );
}

// The reporter's NIK checked before sending, as the API would refuse it: the errors to
// show, or null when it may go (an empty NIK is not asked for).
export function nikErrors(fields: Fields, t: Translate): FormErrors | null {
  const nik = fields.values["reporter.nik"] ?? "";
  const problem = nik === "" ? null : nikProblem(nik, latestDateInIndonesia());
  return problem ? { fields: { "reporter.nik": t(`nik.${problem}`) }, general: t("register.fix") } : null;
}

// The API's refusal of a report, at its fields, with a general line asking to fix them.
export function reportErrors(error: unknown, t: Translate): FormErrors {
  const found = isProblem(error) ? formErrors(error, t("form.error"), { "Field required": t("field.required") }) : { fields: {}, general: t("form.error") };
  return { ...found, general: found.general ?? t("register.fix") };
}
