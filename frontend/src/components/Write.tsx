// A form's save as every record page does it: the version it read goes with the write
// (If-Match), a newer one on the server opens the conflict dialog and keeps what was
// typed, the API's problems land at their fields; the saved and general messages.
import { Alert } from "@mantine/core";
import { useState } from "react";
import { useT } from "../i18n/locale";
import { written, type Written } from "../pages/case/write";
import type { Values } from "../pages/fields";
import { useFields } from "../pages/useFields";

export function useWrite(props: { onSaved: () => void; onConflict: () => void }, initial: Values = {}) {
  const t = useT();
  const fields = useFields(initial);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function send(call: () => Promise<{ response: Response; error?: unknown }>, after?: () => void) {
    setBusy(true);
    setSaved(false);
    fields.setErrors({ fields: {}, general: null }); // what the last attempt said is over
    let result: Written;
    try {
      const { response, error } = await call();
      result = written(response, error, t("form.error"), t("field.required"), t("register.fix"));
    } catch {
      result = { kind: "refused", errors: { fields: {}, general: t("form.error") } };
    }
    setBusy(false);
    if (result.kind === "conflict") props.onConflict();
    else if (result.kind === "refused") fields.setErrors(result.errors);
    else {
      after?.();
      setSaved(true);
      props.onSaved();
    }
  }
  return { ...fields, busy, saved, setSaved, send };
}

export function General({ message }: { message: string | null }) {
  return message ? (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  ) : null;
}

export function Saved({ when, message }: { when: boolean; message: string }) {
  return when ? (
    <Alert color="green" role="status">
      {message}
    </Alert>
  ) : null;
}

