// A message a screen keeps as text (an error set when a form was sent, say) was worded
// in the language of that moment. After a switch of language it is worded again: the
// text is looked up in every catalogue loaded and the same message given in the current
// one (a language never chosen worded nothing on this page). The API's own words with a
// twin in the other language (api.ts) are always known, in both. Text from elsewhere (a
// name) is left as it is. A message with placeholders filled in is not found, and stays
// as it was.
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

export function relocalize(text: string, locale: Locale): string {
  const key = keyOf(text);
  return key === undefined ? text : ((catalogue(locale) as Record<string, string>)[key] ?? text);
}
