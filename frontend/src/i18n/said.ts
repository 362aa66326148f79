// What a screen keeps to say later (a result, a refusal, a field's error) is kept as
// what to say, not as words: a message id with its values, an API problem, or text from
// elsewhere. It is worded when shown, so a switch of language rewords it, placeholders
// and all (a text kept as worded could only be looked up when it had none).
import { createIntl, type IntlShape } from "react-intl";
import { catalogue, type Catalogue, type Locale, type MessageId } from "./messages";
import { relocalize } from "./relocalize";

// A value may itself be something said (a failure's reason): worded first, in the same
// language.
export type Values = { [name: string]: string | number | Said };

export type Said =
  | { id: MessageId; values?: Values }
  // An API problem+json, in the words of its `type` (`problemText`); `fallback` when
  // there is nothing to say (no answer at all), else nothing.
  | { problem: unknown; fallback?: MessageId }
  // Text from elsewhere: the API's own words, a name.
  | { text: string };

// Several things said one after the other (a failure, then its reason).
export type Saying = Said | readonly Said[];

export const said = (id: MessageId, values?: Values): Said => (values === undefined ? { id } : { id, values });

// Made again when the language's catalogue changes: English stands in as Bahasa Indonesia
// until its chunk has loaded (messages.ts), and a formatter made before then must not
// outlive it.
const intls: Partial<Record<Locale, { messages: Catalogue; intl: IntlShape }>> = {};
function intlOf(locale: Locale): IntlShape {
  const messages = catalogue(locale);
  const known = intls[locale];
  if (known?.messages === messages) return known.intl;
  const intl = createIntl({ locale: locale === "id" ? "id-ID" : "en-GB", messages });
  intls[locale] = { messages, intl };
  return intl;
}

// The problem `type`'s last segment (`/problems/quota-full` -> `quota-full`).
export function problemSlug(problem: unknown): string | undefined {
  const type = (problem as { type?: unknown } | null | undefined)?.type;
  return typeof type === "string" ? type.split("/").pop() : undefined;
}

// The one way an API problem is put into words: its type's message in the catalogue
// (i18n/api.ts, `api.problem.<slug>`); a type this version does not know by its
// `detail` (or `title`), given in the other language when it is one of the app's own
// texts; `fallback` when there is nothing to say.
export function problemText(problem: unknown, locale: Locale, fallback: string): string {
  const slug = problemSlug(problem);
  const messages = catalogue(locale) as Record<string, string>;
  const known = slug === undefined ? undefined : messages[`api.problem.${slug}`];
  if (known !== undefined) return known;
  const p = (problem ?? {}) as { detail?: unknown; title?: unknown };
  const text = typeof p.detail === "string" && p.detail !== "" ? p.detail : typeof p.title === "string" ? p.title : "";
  return text === "" ? fallback : relocalize(text, locale);
}

export function sayIn(locale: Locale, saying: Saying): string {
  const one = (s: Said): string => {
    if ("id" in s) {
      const values = s.values && Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, typeof v === "object" ? one(v) : v]));
      return intlOf(locale).formatMessage({ id: s.id }, values);
    }
    if ("problem" in s) return problemText(s.problem, locale, s.fallback === undefined ? "" : intlOf(locale).formatMessage({ id: s.fallback }));
    return relocalize(s.text, locale);
  };
  return Array.isArray(saying) ? (saying as readonly Said[]).map(one).filter(Boolean).join(" ") : one(saying as Said);
}
