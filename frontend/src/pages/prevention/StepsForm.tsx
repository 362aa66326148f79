// The steps the API allows a record now (`allowed_steps`), a button each, with an
// optional note (and, for a village's decision, the letter's number). Sent with the
// version read (If-Match). A step that is not the user's (403: the head's, never the
// author's own) or not possible yet (409) is said plainly with the API's reason; a
// newer version opens the conflict dialog.
import { Button, Group, Stack, Textarea, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { ConflictDialog } from "../../components/ConflictDialog";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { errorAt } from "../case/write";

export interface OfferedStep {
  to: string;
  label: string;
  backward: boolean;
}

type Sent = Promise<{ response: Response; error?: unknown }>;

export function StepsForm({
  steps,
  send,
  onMoved,
  onReload,
  withDecree = false,
  title,
  empty,
  moved,
}: {
  steps: OfferedStep[];
  send: (to: string, note: string | null, decree: string | null) => Sent;
  onMoved: () => void;
  onReload: () => void;
  withDecree?: boolean;
  title: string;
  empty: string;
  moved: string;
}): React.JSX.Element {
  const t = useT();
  const [conflict, setConflict] = useState(false);
  const status = useRef(0);
  const w = useWrite({ onSaved: onMoved, onConflict: () => setConflict(true) });
  const reason = w.errors.general;
  const general =
    reason && status.current === 403
      ? t("prev.step.forbidden", { detail: reason })
      : reason && status.current === 409
        ? t("prev.step.refused", { detail: reason })
        : reason;

  function take(to: string) {
    const note = w.values.note?.trim() || null;
    const decree = w.values.decree_number?.trim() || null;
    if (withDecree && to === "decided" && !decree) {
      // The decision names its letter: said at the field before anything is sent.
      w.setErrors({ fields: { decree_number: t("field.required") }, general: null });
      return;
    }
    void w.send(
      async () => {
        const result = await send(to, note, decree);
        status.current = result.response.status;
        return result;
      },
      () => w.reset({}),
    );
  }

  return (
    <Stack gap="xs" maw={640} role="group" aria-label={title}>
      <Saved when={w.saved} message={moved} />
      <General message={general} />
      {steps.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <Textarea label={t("prev.art.note")} autosize minRows={2} {...w.bind("note")} error={errorAt(w.errors, "note")} />
          {withDecree && (
            <TextInput label={t("prev.vil.decree")} description={t("prev.vil.decreeHint")} {...w.bind("decree_number")} error={errorAt(w.errors, "decree_number")} />
          )}
          {errorAt(w.errors, "status") || errorAt(w.errors, "stage") ? <General message={errorAt(w.errors, "status") ?? errorAt(w.errors, "stage") ?? null} /> : null}
          <Group>
            {steps.map((s) => (
              <Button key={s.to} variant={s.backward ? "default" : "filled"} loading={w.busy} onClick={() => take(s.to)} data-step={s.to}>
                {s.label}
              </Button>
            ))}
          </Group>
        </>
      )}
      <ConflictDialog
        of="record"
        opened={conflict}
        onClose={() => setConflict(false)}
        onReload={() => {
          setConflict(false);
          onReload();
        }}
      />
    </Stack>
  );
}
