// A message a screen keeps as text (an error set when a form was sent, say) was worded
// in the language of that moment. After a switch of language it is worded again: the
// text is looked up in either catalogue and the same message given in the current one.
// Text from elsewhere (the API's own words, a name) is left as it is. A message with
// placeholders filled in is not found, and stays as it was.
import { MESSAGES, type Locale } from "./messages";

let index: Map<string, string> | null = null;

function keyOf(text: string): string | undefined {
  if (index === null) {
    index = new Map();
    for (const messages of Object.values(MESSAGES) as Record<string, string>[]) {
      for (const [key, value] of Object.entries(messages)) if (!index.has(value)) index.set(value, key);
    }
  }
  return index.get(text);
}

export function relocalize(text: string, locale: Locale): string {
  const key = keyOf(text);
  return key === undefined ? text : ((MESSAGES[locale] as Record<string, string>)[key] ?? text);
}
