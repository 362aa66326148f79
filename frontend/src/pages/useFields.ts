import { useState } from "react";
import { useLocale } from "../i18n/locale";
import { relocalize } from "../i18n/relocalize";
import type { FormErrors } from "../lib/problems";
import type { Values } from "./fields";

// Form state with errors kept at their fields: `bind("reporter.nik")` gives an input its
// value, its change handler and its message (from the API's problem+json, or a check
// made here); typing in a field clears its message. Messages are kept as worded when set
// and given back in the language of the moment (a switch of language rewords them).
export function useFields(initial: Values) {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: null });
  const shown = useShownErrors(errors);

  function set(name: string, value: string) {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!(name in e.fields)) return e;
      const fields = { ...e.fields };
      delete fields[name];
      return { ...e, fields };
    });
  }

  function bind(name: string) {
    return {
      name,
      value: values[name] ?? "",
      error: shown.fields[name],
      onChange: (event: { currentTarget: { value: string } }) => set(name, event.currentTarget.value),
    };
  }

  function reset(next: Values) {
    setValues(next);
    setErrors({ fields: {}, general: null });
  }

  return { values, set, bind, errors: shown, setErrors, reset };
}

// Form errors kept as worded when set (a form's own state), given back in the language
// of the moment: the catalogue's texts (the app's messages, the problem types') are
// found in either language; the API's other words stay as they are.
export function useShownErrors(errors: FormErrors): FormErrors {
  const { locale } = useLocale();
  return {
    fields: Object.fromEntries(Object.entries(errors.fields).map(([k, v]) => [k, relocalize(v, locale)])),
    general: errors.general === null ? null : relocalize(errors.general, locale),
  };
}
