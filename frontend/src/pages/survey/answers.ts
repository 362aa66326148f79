// The survey's pure parts: each question's wording in the user's language (or the API's
// own label when this version has none for an element), the scale as the API gives it,
// and the API's refusal turned into one message per question.
import { fieldPath, isProblem } from "../../lib/problems";

export interface Question {
  element: string;
  label: string;
}

export interface Choice {
  value: number;
  label: string;
}

// `scale` is the API's [lowest, highest]: the answers are every whole number between.
export function choices(messages: Record<string, string>, element: string, scale: readonly number[]): Choice[] {
  const [low = 1, high = 4] = scale;
  const out: Choice[] = [];
  for (let value = low; value <= high; value += 1) {
    out.push({ value, label: messages[`survey.a.${element}.${value}`] ?? String(value) });
  }
  return out;
}

export function questionText(messages: Record<string, string>, question: Question): string {
  return messages[`survey.q.${question.element}`] ?? question.label;
}

// `#/body/answers/cost` -> "cost". The API words its reasons in English; the page says
// its own (`pick`) at each question the API named, so no English reaches an Indonesian
// screen. Errors elsewhere (the comment) keep the API's text.
export function questionErrors(problem: unknown, pick: string): { byElement: Record<string, string>; other: string[] } {
  const byElement: Record<string, string> = {};
  const other: string[] = [];
  if (!isProblem(problem)) return { byElement, other };
  for (const error of problem.errors ?? []) {
    const path = error.pointer ? fieldPath(error.pointer) : null;
    if (path?.startsWith("answers.")) byElement[path.slice("answers.".length)] = pick;
    else if (error.detail) other.push(error.detail);
  }
  return { byElement, other };
}

// The token is the last segment of the link intake gives (`/survei/<token>`).
export function tokenOf(surveyUrl: string): string {
  return surveyUrl.split("/").filter(Boolean).pop() ?? "";
}
