// What a screen keeps to say later (a result, a refusal, a field's error) is kept as
// what to say, not as words: a message id with its values, an API problem, or text from
// elsewhere. It is worded when shown, so a switch of language rewords it, placeholders
// and all (a text kept as worded could only be looked up when it had none).
import { createIntl, type IntlShape } from "react-intl";
import { catalogue, type Catalogue, type Locale, type MessageId } from "./messages";
import { relocalize, reworded } from "./relocalize";

// A value may itself be something said (a failure's reason): worded first, in the same
// language.
export type Values = { [name: string]: string | number | Said };

export type Said =
  | { id: MessageId; values?: Values }
  // An API problem+json, in the words of its `type` (`problemText`); `fallback` when
  // there is nothing to say (no answer at all), else nothing.
  | { problem: unknown; fallback?: MessageId }
  // Text from elsewhere: the API's own words, a name.
  | { text: string }
  // A code the API said in words in each language it speaks (a field error's
  // `labels_by_language`), the words of the request's language (`labels`) otherwise.
  | { words: { readonly [language: string]: string }; otherwise: string };

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
// (i18n/api.ts, `api.problem.<slug>`), then its specific reason (`reasonText`); a
// type this version does not know by its `detail` (or `title`), given in the other
// language when it is one of the app's own texts; `fallback` when there is nothing to
// say.
export function problemText(problem: unknown, locale: Locale, fallback: string): string {
  const slug = problemSlug(problem);
  const messages = catalogue(locale) as Record<string, string>;
  const known = slug === undefined ? undefined : messages[`api.problem.${slug}`];
  const p = (problem ?? {}) as ProblemLike;
  if (known !== undefined) {
    const reason = reasonText(p, slug as string, locale);
    return reason === undefined ? known : reworded(`${known} ${reason}`, (again) => problemText(problem, again, fallback));
  }
  const text = typeof p.detail === "string" && p.detail !== "" ? p.detail : typeof p.title === "string" ? p.title : "";
  return text === "" ? fallback : relocalize(text, locale);
}

interface ProblemLike {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  code?: unknown;
  params?: unknown;
  // The words of the code-valued params, in the language the request asked for, and in
  // every language the API speaks (`{ id: {...}, en: {...} }`).
  labels?: unknown;
  labels_by_language?: unknown;
  errors?: unknown;
}

export interface FieldError {
  pointer?: string;
  detail?: string;
  code?: string;
  params?: { [name: string]: unknown };
  // The code-valued params in words, as a problem's own (`ProblemLike`).
  labels?: unknown;
  labels_by_language?: unknown;
}

// An API `params` object as a message's values: its numbers and texts.
function valuesOf(params: unknown): { [name: string]: string | number } {
  if (typeof params !== "object" || params === null) return {};
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | number] => typeof entry[1] === "string" || typeof entry[1] === "number"));
}

// Params that hold codes the API sends bare and the app words itself, each code by its
// catalogue group: `roles` (`role_required`, `roles_above_yours`: codes joined by ", "),
// worded by the administration screens' `role.<code>` (i18n/admin.ts), the one place
// both languages name a role. A code this version has no words for stays as it came.
const WORDED_BY_THE_APP: { readonly [param: string]: string } = { roles: "role" };

function wordedHere(params: unknown, messages: Record<string, string>): { [name: string]: string } {
  const worded: { [name: string]: string } = {};
  if (typeof params !== "object" || params === null) return worded;
  for (const [name, value] of Object.entries(params)) {
    const group = WORDED_BY_THE_APP[name];
    if (group === undefined || typeof value !== "string") continue;
    worded[name] = value
      .split(",")
      .map((code) => code.trim())
      .filter(Boolean)
      .map((code) => messages[`${group}.${code}`] ?? code)
      .join(", ");
  }
  return worded;
}

// The words of the code-valued params in `locale`: the API gives them in every language
// it speaks (`labels_by_language`), so a refusal on screen reads wholly in the language
// switched to without asking again (a refused write is not sent twice to learn its
// words); `labels` (the request's language) from an API that gives only those.
function labelsIn(problem: ProblemLike, locale: Locale): { [name: string]: string | number } {
  const every = problem.labels_by_language;
  const mine = typeof every === "object" && every !== null ? (every as Record<string, unknown>)[locale] : undefined;
  return valuesOf(mine ?? problem.labels);
}

const comparable = (text: string) => text.trim().replace(/\.$/, "").toLowerCase();

// Why, beyond the type: the reason its `code` names (`api.reason.<slug>.<code>`, i18n/
// problems.ts), its placeholders filled from `params` and, for a code-valued one (a
// status, a stage), the API's words for it in the language shown (`labelsIn`) or the
// app's own (the roles, `wordedHere`), never the code; else the fields' errors; else the
// API's `detail` when it says more than the type does (not its title again), in English
// when the app has no words for it: the reason is never dropped. Undefined when there is
// nothing more to say.
function reasonText(problem: ProblemLike, slug: string, locale: Locale): string | undefined {
  const messages = catalogue(locale) as Record<string, string>;
  if (typeof problem.code === "string" && messages[`api.reason.${slug}.${problem.code}`] !== undefined) {
    const values = { ...valuesOf(problem.params), ...wordedHere(problem.params, messages), ...labelsIn(problem, locale) };
    return intlOf(locale).formatMessage({ id: `api.reason.${slug}.${problem.code}` as MessageId }, values);
  }
  if (Array.isArray(problem.errors) && problem.errors.length > 0) {
    return (problem.errors as FieldError[])
      .map((error) => {
        const text = sayIn(locale, fieldSaid(error, ""));
        const where = (error.pointer ?? "").replace(/^#\/(body\/)?/, "").replace(/\//g, ".");
        return where === "" ? text : `${where}: ${text}`;
      })
      .join(" ");
  }
  if (typeof problem.detail !== "string" || problem.detail.trim() === "") return undefined;
  const same = [problem.title, catalogue("en")[`api.problem.${slug}` as MessageId], messages[`api.problem.${slug}`]]
    .filter((t): t is string => typeof t === "string")
    .some((t) => comparable(t) === comparable(problem.detail as string));
  return same ? undefined : relocalize(problem.detail, locale);
}

// A field's error as something said: by its `code` (pydantic's error type, `api.field.
// <code>` in i18n/problems.ts) with its `params`, a code-valued one in the API's words
// for it in the language shown (`fieldLabels`), never the code; else in the API's words
// (a value error's own sentence, without pydantic's "Value error, " before it), else
// `fallback`.
export function fieldSaid(error: FieldError, fallback: string): Said {
  const key = `api.field.${error.code ?? ""}`;
  if (error.code !== undefined && key in catalogue("id")) return { id: key as MessageId, values: { ...valuesOf(error.params), ...fieldLabels(error) } };
  return { text: error.detail === undefined ? fallback : error.detail.replace(/^Value error, /, "") };
}

// A field error's code-valued params as the API words them, kept in every language it
// gave (the field's message is worded when shown, as `labelsIn` does a problem's).
function fieldLabels(error: FieldError): { [name: string]: Said } {
  const every = typeof error.labels_by_language === "object" && error.labels_by_language !== null ? (error.labels_by_language as Record<string, unknown>) : {};
  const asked = valuesOf(error.labels);
  const names = new Set([...Object.keys(asked), ...Object.values(every).flatMap((one) => Object.keys(valuesOf(one)))]);
  const labelled: { [name: string]: Said } = {};
  for (const name of names) {
    const words = Object.fromEntries(Object.entries(every).flatMap(([language, one]) => (name in valuesOf(one) ? [[language, String(valuesOf(one)[name])]] : [])));
    labelled[name] = { words, otherwise: String(asked[name] ?? Object.values(words)[0] ?? "") };
  }
  return labelled;
}

export function sayIn(locale: Locale, saying: Saying): string {
  const one = (s: Said): string => {
    if ("id" in s) {
      const values = s.values && Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, typeof v === "object" ? one(v) : v]));
      return intlOf(locale).formatMessage({ id: s.id }, values);
    }
    if ("problem" in s) return problemText(s.problem, locale, s.fallback === undefined ? "" : intlOf(locale).formatMessage({ id: s.fallback }));
    if ("words" in s) return s.words[locale] ?? s.otherwise;
    return relocalize(s.text, locale);
  };
  return Array.isArray(saying) ? (saying as readonly Said[]).map(one).filter(Boolean).join(" ") : one(saying as Said);
}
