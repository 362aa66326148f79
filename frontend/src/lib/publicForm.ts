// The public form's pure parts: limits said in words, the files checked before sending,
// the multipart answer's problems put at their fields, a draft's answers.
import type { Problem } from "./problems";

// Media types as a citizen knows them; a type not listed is shown as the API sends it.
const TYPE_NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/gif": "GIF",
  "image/webp": "WebP",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (XLSX)",
  "application/vnd.oasis.opendocument.text": "OpenDocument (ODT)",
};
// What the file picker offers (the server still decides from the content).
const EXTENSIONS: Record<string, string> = {
  "application/pdf": ".pdf",
  "image/png": ".png",
  "image/jpeg": ".jpg,.jpeg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
  "application/vnd.oasis.opendocument.text": ".odt",
};

export function typeNames(types: readonly string[]): string {
  return types.map((t) => TYPE_NAMES[t] ?? t).join(", ");
}

export function acceptOf(types: readonly string[]): string {
  return types.flatMap((t) => [t, ...(EXTENSIONS[t]?.split(",") ?? [])]).join(",");
}

// 10485760 -> "10 megabyte" / "10 megabytes": whole units, the largest that fits.
export function sizeInWords(bytes: number, locale: string): string {
  const units = [
    ["gigabyte", 1024 ** 3],
    ["megabyte", 1024 ** 2],
    ["kilobyte", 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) {
      // Rounded up: a file just over the limit never reads as the limit itself.
      const value = Math.ceil((bytes / size) * 10) / 10;
      return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 1 }).format(value);
    }
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
}

export interface FileLimits {
  max_files: number;
  max_file_bytes: number;
}

// What is wrong with the chosen files before anything is sent: too many, too large, empty.
export type FileProblem = { kind: "tooMany"; max: number } | { kind: "tooLarge" | "empty"; name: string };

export function fileProblems(files: readonly { name: string; size: number }[], limits: FileLimits): FileProblem[] {
  const found: FileProblem[] = [];
  if (files.length > limits.max_files) found.push({ kind: "tooMany", max: limits.max_files });
  for (const f of files) {
    if (f.size > limits.max_file_bytes) found.push({ kind: "tooLarge", name: f.name });
    else if (f.size === 0) found.push({ kind: "empty", name: f.name });
  }
  return found;
}

// A multipart answer names the report's fields under `#/report/…` and each file as
// `#/files/N`: the report's go back under `#/body/…` (the form's own pointers), the
// files' become one message at the file picker, naming each file.
export interface RefusedFile {
  name: string | null; // null: about the files as a whole (too many)
  detail: string;
}

export function splitMultipartProblem(problem: Problem, names: readonly string[]): { report: Problem; files: RefusedFile[] } {
  const files: RefusedFile[] = [];
  const errors = [];
  for (const e of problem.errors ?? []) {
    const file = /^#\/files(?:\/(\d+))?$/.exec(e.pointer ?? "");
    if (file) {
      const name = file[1] !== undefined ? (names[Number(file[1])] ?? null) : null;
      files.push({ name, detail: e.detail ?? "" });
    } else {
      errors.push({ ...e, pointer: e.pointer?.replace(/^#\/report(?=\/|$)/, "#/body") });
    }
  }
  return { report: { ...problem, errors }, files };
}

// The answers a draft keeps: the filled-in fields only, by their dotted names.
export function draftAnswers(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => v.trim() !== "" && /^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/.test(k)));
}
