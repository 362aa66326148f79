// A form's unsaved entries kept when the user leaves it, and given back when they
// return: `useDraft("register", null, state, restore)`. Where and how long drafts are
// kept, and why, is said in `lib/drafts.ts`.
import { Alert, Button, Group, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/locale";
import { clearDrafts, draftKey, isChanged, readDraft, removeDraft, writeDraft, type DraftStorage } from "../lib/drafts";
import { useMe } from "../office";

function storage(): DraftStorage | null {
  return typeof sessionStorage === "undefined" ? null : sessionStorage;
}

// Every draft of this tab dropped (the session ended).
export function dropAllDrafts(): void {
  const s = storage();
  if (s) clearDrafts(s);
}

export interface Draft<T> {
  restored: boolean;
  // Throws the draft away and puts the form back as it opened.
  discard: () => void;
  // The form was saved: no draft, and `next` (the form as it is now shown) is its new blank.
  saved: (next: T) => void;
}

export function useDraft<T>(form: string, record: string | null, state: T, restore: (saved: T) => void): Draft<T> {
  const user = useMe().data?.subject;
  const key = user ? draftKey(user, form, record) : null;
  const pristine = useRef(state);
  const loaded = useRef<string | null>(null);
  const [restored, setRestored] = useState(false);
  const serial = JSON.stringify(state);
  const latest = useRef(state);
  latest.current = state;
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  // Once per user and form: a kept draft comes back, unless the user already typed
  // (the user becomes known a moment after a reload).
  useEffect(() => {
    const s = storage();
    if (!key || !s || loaded.current === key) return;
    loaded.current = key;
    const kept = readDraft<T>(s, key);
    if (kept !== null && !isChanged(latest.current, pristine.current) && isChanged(kept, pristine.current)) {
      latest.current = kept;
      restoreRef.current(kept);
      setRestored(true);
    }
  }, [key]);

  // Every change kept at once (no timer that could write after the sign-out cleared
  // them); back to what it opened with, nothing is kept.
  useEffect(() => {
    const s = storage();
    if (!key || !s || loaded.current !== key) return;
    if (isChanged(latest.current, pristine.current)) writeDraft(s, key, latest.current);
    else removeDraft(s, key);
  }, [key, serial]);

  return {
    restored,
    discard: () => {
      const s = storage();
      if (key && s) removeDraft(s, key);
      latest.current = pristine.current;
      restoreRef.current(pristine.current);
      setRestored(false);
    },
    saved: (next: T) => {
      const s = storage();
      if (key && s) removeDraft(s, key);
      pristine.current = next;
      setRestored(false);
    },
  };
}

// "Draf dipulihkan — Buang draf": said once the draft is back, a status message (read
// out by screen readers without moving the focus).
export function DraftNotice({ draft }: { draft: Pick<Draft<never>, "restored" | "discard"> }): React.JSX.Element | null {
  const t = useT();
  if (!draft.restored) return null;
  return (
    <Alert color="blue" role="status" data-draft="restored">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">{t("draft.restored")}</Text>
        <Button variant="default" size="compact-sm" onClick={draft.discard}>
          {t("draft.discard")}
        </Button>
      </Group>
    </Alert>
  );
}
