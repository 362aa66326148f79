// The staff screens' URL search parameters, as router.tsx validates them: what a link or
// a bookmark holds is kept only where it is a value the API takes, the rest dropped, so
// a bad parameter still opens a working screen. A module of their own (issue 21): the
// router is in the entry chunk, which every public page loads on a slow phone, and a
// module it imports is bundled there whole, with everything the staff screens use of it;
// each area's logic module (lib/<area>.ts) re-exports its part from here.
import type { components } from "../api/schema";

type Exhaustive<T, U extends readonly T[]> = [T] extends [U[number]] ? true : never;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return typeof value === "string" && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

// An API cursor of the page shown.
function cursor(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= 512 ? value : undefined;
}

// The examination board (`/pemeriksaan`): its filters, named in Indonesian as the app's
// other URLs are. Every value of the API's enums: the type check fails when it adds one.
type CaseStatus = components["schemas"]["CaseStatus"];
type SlaState = components["schemas"]["SlaState"];
type Classification = components["schemas"]["Classification"];
export const CASE_STATUSES = ["open", "waiting_reporter", "waiting_agency", "concluded", "monitoring", "closed"] as const satisfies readonly CaseStatus[];
export const SLA_STATES = ["on_track", "warning", "breached", "paused", "met"] as const satisfies readonly SlaState[];
export const CLASSIFICATIONS = ["sederhana", "sedang", "berat"] as const satisfies readonly Classification[];
const _caseStatuses: Exhaustive<CaseStatus, typeof CASE_STATUSES> = true;
const _slaStates: Exhaustive<SlaState, typeof SLA_STATES> = true;
const _classes: Exhaustive<Classification, typeof CLASSIFICATIONS> = true;
void _caseStatuses;
void _slaStates;
void _classes;

export interface BoardSearch {
  status?: CaseStatus;
  sla?: SlaState;
  klasifikasi?: Classification;
  pemeriksa?: string; // an examiner's id
  kursor?: string; // the API's cursor of the page shown
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function boardSearch(raw: Record<string, unknown>): BoardSearch {
  const out: BoardSearch = {};
  const status = oneOf(CASE_STATUSES, raw.status);
  const sla = oneOf(SLA_STATES, raw.sla);
  const klasifikasi = oneOf(CLASSIFICATIONS, raw.klasifikasi);
  const kursor = cursor(raw.kursor);
  if (status) out.status = status;
  if (sla) out.sla = sla;
  if (klasifikasi) out.klasifikasi = klasifikasi;
  if (typeof raw.pemeriksa === "string" && UUID.test(raw.pemeriksa)) out.pemeriksa = raw.pemeriksa.toLowerCase();
  if (kursor) out.kursor = kursor;
  return out;
}

// Intake's verification queue (`/verifikasi`): the statuses a report passes through at
// intake, in the order of the work; `awaiting_notice` named as the API names it (the
// issue's link form).
type ReportStatus = components["schemas"]["ReportStatus"];
export const REPORT_STATUSES = [
  "registered",
  "awaiting_completion",
  "formally_verified",
  "materially_verified",
  "material_failed",
  "accepted",
  "rejected",
  "answered",
  "withdrawn",
  "merged",
  "recorded",
  "imported",
] as const satisfies readonly ReportStatus[];
const _reportStatuses: Exhaustive<ReportStatus, typeof REPORT_STATUSES> = true;
void _reportStatuses;

export interface QueueSearch {
  status?: ReportStatus;
  awaiting_notice?: true;
  lewat?: true; // past the completion deadline
  kursor?: string;
}

function yes(value: unknown): boolean {
  return value === true || value === "true";
}

export function queueSearch(raw: Record<string, unknown>): QueueSearch {
  const out: QueueSearch = {};
  const status = oneOf(REPORT_STATUSES, raw.status);
  const kursor = cursor(raw.kursor);
  if (status) out.status = status;
  if (yes(raw.awaiting_notice)) out.awaiting_notice = true;
  if (yes(raw.lewat)) out.lewat = true;
  if (kursor) out.kursor = kursor;
  return out;
}

// Administration (`/admin`): `bagian` an area's name, in the tabs' order.
export type AdminArea = "users" | "offices" | "clients" | "webhooks" | "roster" | "substances" | "sla";
export const ADMIN_AREAS: readonly AdminArea[] = ["users", "offices", "clients", "webhooks", "roster", "substances", "sla"];

export function adminSearch(search: Record<string, unknown>): { bagian?: AdminArea } {
  const bagian = oneOf(ADMIN_AREAS, search.bagian);
  return bagian ? { bagian } : {};
}

// The KPI dashboard (`/kinerja`): `?tahun=2026`, a year the API accepts, or none (this year).
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export interface KpiSearch {
  tahun?: number;
}

export function kpiSearch(search: Record<string, unknown>): KpiSearch {
  const year = Number(search.tahun);
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR ? { tahun: year } : {};
}

// Integration's imports (`/integrasi/impor`): `impor` the id of the import shown.
export function importSearch(search: Record<string, unknown>): { impor?: string } {
  const id = search.impor;
  return typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) ? { impor: id } : {};
}

// The intern's own screens (`/peserta-magang`): the tab.
export const INTERN_AREAS = ["presensi", "logbook", "belajar"] as const;
export type InternArea = (typeof INTERN_AREAS)[number];

export function internSearch(search: Record<string, unknown>): { bagian?: InternArea } {
  const bagian = oneOf(INTERN_AREAS, search.bagian);
  return bagian ? { bagian } : {};
}

// The internship's staff screens (`/mori`): the tab and the applications' filters.
export const MORI_AREAS = ["lamaran", "angkatan", "pembimbingan", "penyelesaian"] as const;
export type MoriArea = (typeof MORI_AREAS)[number];
export const APPLICATION_STATUSES = ["submitted", "accepted", "declined"] as const;

export interface MoriSearch {
  bagian?: MoriArea;
  status?: string;
  unit?: string;
  periode?: string; // a month, YYYY-MM: applications whose period touches it
  lamaran?: string; // the application opened
  angkatan?: string; // the cohort opened
  peserta?: string; // the intern (accepted application) evaluated and completed
}

const ID = /^[0-9a-f-]{36}$/;

export function moriSearch(search: Record<string, unknown>): MoriSearch {
  const out: MoriSearch = {};
  const { bagian, status, unit, periode, lamaran, angkatan, peserta } = search;
  if (typeof bagian === "string" && (MORI_AREAS as readonly string[]).includes(bagian)) out.bagian = bagian as MoriArea;
  if (typeof status === "string" && (APPLICATION_STATUSES as readonly string[]).includes(status)) out.status = status;
  if (typeof unit === "string" && /^[a-z_]{1,64}$/.test(unit)) out.unit = unit;
  if (typeof periode === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(periode)) out.periode = periode;
  if (typeof lamaran === "string" && ID.test(lamaran)) out.lamaran = lamaran;
  if (typeof angkatan === "string" && ID.test(angkatan)) out.angkatan = angkatan;
  if (typeof peserta === "string" && ID.test(peserta)) out.peserta = peserta;
  return out;
}

// Prevention (`/pencegahan`, and the public results' `/kepatuhan`): the tab, the year,
// the publications' filters (`?bagian=publikasi&jenis=news&status=review`).
export const PREVENTION_AREAS = ["penilaian", "kerja-sama", "klinik", "focal-point", "kajian", "komunitas", "permintaan-data", "inovasi", "publikasi", "media-sosial", "desa"] as const;
export type PreventionArea = (typeof PREVENTION_AREAS)[number];

type ArticleSummary = components["schemas"]["ArticleSummary"];
export const ARTICLE_KINDS = ["news", "opinion", "press_release"] as const satisfies readonly ArticleSummary["kind"][];
export const ARTICLE_STATUSES = ["draft", "review", "approved", "published"] as const satisfies readonly ArticleSummary["status"][];

export interface PreventionSearch {
  bagian?: PreventionArea;
  tahun?: number;
  jenis?: (typeof ARTICLE_KINDS)[number];
  status?: (typeof ARTICLE_STATUSES)[number];
}

// A year the API takes (2000-2200); anything else is dropped, never sent.
export function yearParam(value: unknown): number | undefined {
  const year = typeof value === "string" ? Number(value) : value;
  return typeof year === "number" && Number.isInteger(year) && year >= 2000 && year <= 2200 ? year : undefined;
}

export function preventionSearch(search: Record<string, unknown>): PreventionSearch {
  const out: PreventionSearch = {};
  const bagian = oneOf(PREVENTION_AREAS, search.bagian);
  const year = yearParam(search.tahun);
  const jenis = oneOf(ARTICLE_KINDS, search.jenis);
  const status = oneOf(ARTICLE_STATUSES, search.status);
  if (bagian) out.bagian = bagian;
  if (year !== undefined) out.tahun = year;
  if (jenis) out.jenis = jenis;
  if (status) out.status = status;
  return out;
}
