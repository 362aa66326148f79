// A message a screen keeps as text (an error set when a form was sent, say) was worded
// in the language of that moment. After a switch of language it is worded again: the
// text is looked up in every catalogue loaded and the same message given in the current
// one (a language never chosen worded nothing on this page). The API's own words with a
// twin in the other language (api.ts) are always known, in both. Text from elsewhere (a
// name) is left as it is. A message with placeholders filled in is not found, and stays
// as it was, unless it was worded here from parts (`reworded`): a problem's type with
// its reason, a field's error with its values, which is then worded again from them.
import { API_EN } from "./api";
import { catalogue, loadedCatalogues, type Locale } from "./messages";

let index: Map<string, string> | null = null;
let indexed = 0; // how many catalogues the index holds: one loaded later rebuilds it

function keyOf(text: string): string | undefined {
  const catalogues = loadedCatalogues();
  if (index === null || indexed !== catalogues.length) {
    index = new Map();
    for (const messages of [...catalogues, API_EN] as Record<string, string>[]) {
      for (const [key, value] of Object.entries(messages)) if (!index.has(value)) index.set(value, key);
    }
    indexed = catalogues.length;
  }
  return index.get(text);
}

// Texts worded from parts, each with how to word it again; the latest few hundred (a
// screen keeps what its last attempt said, not a history).
const composed = new Map<string, (locale: Locale) => string>();
const COMPOSED_KEPT = 300;

export function reworded(text: string, again: (locale: Locale) => string): string {
  composed.delete(text);
  composed.set(text, again);
  if (composed.size > COMPOSED_KEPT) composed.delete(composed.keys().next().value as string);
  return text;
}

export function relocalize(text: string, locale: Locale): string {
  const again = composed.get(text);
  if (again !== undefined) return again(locale);
  const key = keyOf(text);
  return key === undefined ? text : ((catalogue(locale) as Record<string, string>)[key] ?? text);
}
