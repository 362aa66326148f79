// Drafts of forms left unsaved, kept per user, form and record, as pure functions over a
// Web Storage: the hook (`components/Draft.tsx`) and the tests share them.
//
// Where drafts live: the tab's sessionStorage, never localStorage. A draft holds what
// staff typed about people (a reporter's name, NIK, address; an examiner's notes), and
// office computers are shared: localStorage outlives the tab, the sign-out and the
// browser's restart, so the next person at the desk would inherit it. sessionStorage
// dies with the tab, as the session's own tokens do (`auth/session.ts`). On top of that
// every draft is dropped when the session ends (sign-out, or a renewal refused: see
// `main.tsx`), is keyed by the user (another user on the same tab never sees it) and
// lapses after a working day, so a tab left open overnight does not keep it either.

export const DRAFT_PREFIX = "apik.draft.";
export const DRAFT_MAX_AGE_MS = 12 * 3600_000;

// The subset of Web Storage used here (sessionStorage in the app, a Map in the tests).
export interface DraftStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Stored {
  savedAt: number;
  state: unknown;
}

// One key per user, form and record: `apik.draft.user%3A1/register/-`. Each part is
// encoded, so none can hold the separator and reach another user's key.
export function draftKey(user: string, form: string, record?: string | null): string {
  return DRAFT_PREFIX + [user, form, record ?? "-"].map(encodeURIComponent).join("/");
}

// The draft kept under `key`, or null (none, unreadable, or lapsed: then it is removed).
export function readDraft<T>(storage: DraftStorage, key: string, now: number = Date.now()): T | null {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const stored = JSON.parse(raw) as Stored;
    if (typeof stored?.savedAt === "number" && now - stored.savedAt <= DRAFT_MAX_AGE_MS && stored.state != null) {
      return stored.state as T;
    }
  } catch {
    // an unreadable entry is dropped below
  }
  removeDraft(storage, key);
  return null;
}

export function writeDraft(storage: DraftStorage, key: string, state: unknown, now: number = Date.now()): void {
  try {
    storage.setItem(key, JSON.stringify({ savedAt: now, state } satisfies Stored));
  } catch {
    // A full or disabled storage loses the draft, never the form: the form still works.
  }
}

export function removeDraft(storage: DraftStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // nothing kept, nothing to remove
  }
}

// Every draft of every user (the session ended): other entries of the storage stay.
export function clearDrafts(storage: DraftStorage): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
  }
  for (const key of keys) removeDraft(storage, key);
}

// Whether a form's state is worth keeping: anything changed from what the form opened with.
export function isChanged(state: unknown, pristine: unknown): boolean {
  return JSON.stringify(state) !== JSON.stringify(pristine);
}
