// The NIK check the API makes (apik_shared.vocabulary.nik), mirrored so that the desk
// hears about a typing error before sending; the API stays the judge.

const PROVINCES = new Set<string>([
  ...range(11, 19),
  "21",
  ...range(31, 36),
  "51",
  "52",
  "53",
  ...range(61, 65),
  ...range(71, 76),
  "81",
  "82",
  ...range(91, 96),
]);

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

export type NikProblem =
  | "digits"
  | "province"
  | "region"
  | "no_such_date"
  | "future_birth"
  | "serial";

// `today` is the latest date in Indonesia (WIT's), as the API takes it.
export function nikProblem(nik: string, today: { year: number; month: number; day: number }): NikProblem | null {
  if (!/^[0-9]{16}$/.test(nik)) return "digits";
  if (!PROVINCES.has(nik.slice(0, 2))) return "province";
  if (nik.slice(2, 4) === "00" || nik.slice(4, 6) === "00") return "region";
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  if (day > 40) day -= 40;
  const year = 2000 + yy <= today.year ? 2000 + yy : 1900 + yy;
  const born = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    born.getUTCFullYear() !== year ||
    born.getUTCMonth() !== month - 1 ||
    born.getUTCDate() !== day
  ) {
    return "no_such_date";
  }
  const todayKey = today.year * 10000 + today.month * 100 + today.day;
  if (year * 10000 + month * 100 + day > todayKey) return "future_birth";
  if (nik.slice(12) === "0000") return "serial";
  return null;
}

// The latest calendar date anywhere in Indonesia: WIT (UTC+9).
export function latestDateInIndonesia(now: Date = new Date()): { year: number; month: number; day: number } {
  const wit = new Date(now.getTime() + 9 * 3600 * 1000);
  return { year: wit.getUTCFullYear(), month: wit.getUTCMonth() + 1, day: wit.getUTCDate() };
}
