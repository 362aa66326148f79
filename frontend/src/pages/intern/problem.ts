// What an intern form shows of the API's refusal: its detail (the API words it), or
// the form's own message.
export function problemText(error: unknown, fallback: string): string {
  const detail = (error as { detail?: unknown } | undefined)?.detail;
  return typeof detail === "string" && detail !== "" ? `${fallback} ${detail}` : fallback;
}
