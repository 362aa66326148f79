// What the prevention write screens work out without the API: the indicators a
// respondent answers in a scheme version (with the scale each takes), the answers
// typed turned into the API's body (and back: a problem at `answers.3.value` belongs
// to the fourth indicator answered), and a time typed on the office's clock as an
// instant.

export interface Scale {
  min: number;
  max: number;
  labels?: Record<string, string>;
}

interface IndicatorDef {
  code: string;
  text: string;
  respondents: string[];
  evidence?: string | null;
  scale?: Scale | null;
}

export interface SchemeShape {
  scale: Scale;
  respondents: { type: string; label: string; method: string }[];
  dimensions: { code: string; name: string; variables: { code: string; indicators: IndicatorDef[] }[] }[];
}

export interface Question {
  code: string;
  text: string;
  dimension: string;
  evidence: string | null;
  scale: Scale;
}

// In the scheme's order; an indicator's own scale wins over the scheme's.
export function questionsFor(scheme: SchemeShape, respondent: string): Question[] {
  return scheme.dimensions.flatMap((d) =>
    d.variables.flatMap((v) =>
      v.indicators
        .filter((i) => i.respondents.includes(respondent))
        .map((i) => ({ code: i.code, text: i.text, dimension: d.name, evidence: i.evidence ?? null, scale: i.scale ?? scheme.scale })),
    ),
  );
}

// Every whole number of the scale, with its label when the scheme names it ("2 — Sebagian").
export function scaleChoices(scale: Scale): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (let n = scale.min; n <= scale.max; n++) {
    const label = scale.labels?.[String(n)];
    out.push({ value: String(n), label: label ? `${n} — ${label}` : String(n) });
  }
  return out;
}

export interface Answer {
  indicator: string;
  value: number;
  note?: string;
}

// The questions answered (a value chosen), in order; `codes[i]` is the indicator of the
// body's `answers[i]`, to put the API's problems back at their question.
export function answersFrom(questions: Question[], values: Record<string, string | undefined>): { answers: Answer[]; codes: string[] } {
  const answers: Answer[] = [];
  for (const q of questions) {
    const raw = (values[`value.${q.code}`] ?? "").trim();
    if (raw === "") continue;
    const note = (values[`note.${q.code}`] ?? "").trim();
    answers.push({ indicator: q.code, value: Number(raw), ...(note ? { note } : {}) });
  }
  return { answers, codes: answers.map((a) => a.indicator) };
}

// The API's message for a question's answer (its value, its note or the indicator).
export function answerError(fields: Record<string, string>, codes: string[], code: string, part: "value" | "note"): string | undefined {
  const n = codes.indexOf(code);
  if (n < 0) return undefined;
  if (part === "note") return fields[`answers.${n}.note`];
  return fields[`answers.${n}.value`] ?? fields[`answers.${n}.indicator`] ?? fields[`answers.${n}`];
}
