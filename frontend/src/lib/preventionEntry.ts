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

// `2024-05-02T09:30` on the clock of `timeZone` as an ISO instant (with its offset
// worked out for that moment, so a zone's daylight saving would be right too).
export function instantIn(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0] = m.slice(1).map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offset = offsetAt(asUtc, timeZone);
  const guess = asUtc - offset;
  return new Date(asUtc - offsetAt(guess, timeZone)).toISOString();
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return wall - Math.floor(instant / 60_000) * 60_000;
}

// Now on the office's clock, as a `datetime-local` input shows it.
export function localNow(timeZone: string, now: Date = new Date()): string {
  const wall = new Date(now.getTime() + offsetAt(now.getTime(), timeZone));
  return wall.toISOString().slice(0, 16);
}
