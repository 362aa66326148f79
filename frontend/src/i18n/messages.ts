// ICU messages, Bahasa Indonesia first. Indonesian has one plural category ("other"),
// English two; the same ICU text covers both. Statuses and kinds are the API's codes:
// a code with no label here is shown as the API sends it, never hidden.

import { API_ID } from "./api";
import type { StaffArea, TextsFile } from "./areas";
import { ENTRY_ID } from "./entry";
import { onceUntilFailed } from "../lib/onceUntilFailed";
import { PALETTE_ID } from "./palette";
import { PROBLEMS_ID } from "./problems";
import { PUBLIC_FORM_ID } from "./publicForm";
import type { PUBLIC_SCREENS_ID } from "./publicScreens";
import type { SCREENS_ID } from "./screens";
import { SURVEY_ID } from "./survey";

export type Locale = "id" | "en";

const core = {
  "app.name": "APIK",
  "app.tagline": "Penanganan laporan masyarakat",
  "nav.home": "Beranda",
  "nav.register": "Registrasi laporan",
  "nav.publicReport": "Formulir laporan publik",
  "nav.track": "Lacak laporan",
  "nav.skip": "Langsung ke isi halaman",
  "nav.menu": "Menu kerja",
  "lang.switch": "English",
  "auth.title": "Masuk ke APIK",
  "auth.username": "Nama pengguna",
  "auth.password": "Kata sandi",
  "auth.submit": "Masuk",
  "auth.failed": "Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara.",
  "auth.failedAttempts": "{count} percobaan masuk gagal sejak Anda terakhir masuk. Bila bukan Anda, hubungi administrator.",
  "auth.signOut": "Keluar",
  "auth.expired": "Sesi Anda berakhir. Silakan masuk kembali.",
  "auth.signedInAs": "Masuk sebagai {name} ({office})",
  "home.title": "Antrean saya",
  "home.empty": "Tidak ada antrean untuk peran Anda saat ini.",
  "home.queue": "Antrean",
  "home.countHeader": "Jumlah",
  "home.count": "{count, plural, other {# laporan}}",
  "home.countMore": "lebih dari {count}",
  "home.cases": "{count, plural, other {# perkara}}",
  "register.title": "Registrasi laporan",
  "register.channel": "Saluran",
  "register.kind": "Jenis",
  "register.reporter": "Pelapor",
  "register.name": "Nama lengkap",
  "register.nik": "NIK",
  "register.nikHelp": "16 digit sesuai KTP",
  "register.phone": "Nomor telepon",
  "register.email": "Surel",
  "register.address": "Alamat",
  "register.confidential": "Pelapor meminta identitasnya dirahasiakan",
  "register.agency": "Instansi terlapor",
  "register.substance": "Substansi",
  "register.summary": "Ringkasan laporan",
  "register.chronology": "Kronologi",
  "register.eventDate": "Tanggal kejadian",
  "register.question": "Pertanyaan (konsultasi)",
  "register.answer": "Jawaban yang diberikan di tempat",
  "register.submit": "Simpan registrasi",
  "register.done": "Laporan tercatat dengan nomor registrasi {number}.",
  "register.fix": "Periksa isian yang ditandai.",
  "channel.web": "Situs web",
  "channel.email": "Surel",
  "channel.whatsapp": "WhatsApp",
  "channel.phone": "Telepon",
  "channel.walk_in": "Datang langsung",
  "channel.letter": "Surat",
  "channel.social_media": "Media sosial",
  "channel.outreach": "Penjangkauan (PVL keliling)",
  "channel.portal": "Portal",
  "channel.open311": "Aplikasi mitra (Open311)",
  "channel.community": "Sahabat Ombudsman",
  "channel.imported": "Impor arsip lama",
  "kind.LM": "Laporan masyarakat",
  "kind.RCO": "Reaksi cepat Ombudsman",
  "kind.KNL": "Konsultasi non-laporan",
  "kind.TEMBUSAN": "Tembusan",
  "kind.IPS": "Investigasi atas prakarsa sendiri",
  "status.registered": "Terdaftar",
  "status.awaiting_completion": "Menunggu kelengkapan",
  "status.formally_verified": "Lolos verifikasi formil",
  "status.materially_verified": "Lolos verifikasi materiil",
  "status.accepted": "Diterima untuk diperiksa",
  "status.rejected": "Ditolak",
  "status.answered": "Dijawab",
  "status.withdrawn": "Dicabut",
  "status.merged": "Digabungkan",
  "status.recorded": "Dicatat",
  "status.imported": "Arsip impor",
  "status.case_closed": "Selesai diperiksa",
  "nik.digits": "NIK terdiri atas tepat 16 angka.",
  "nik.province": "Dua angka pertama NIK bukan kode provinsi.",
  "nik.region": "Kode kabupaten/kota dan kecamatan pada NIK tidak boleh 00.",
  "nik.no_such_date": "Tanggal lahir dalam NIK tidak ada di kalender.",
  "nik.future_birth": "Tanggal lahir dalam NIK ada di masa depan.",
  "nik.serial": "Nomor urut NIK tidak boleh 0000.",
  "field.required": "Wajib diisi.",
  "form.error": "Permintaan tidak dapat diproses. Coba lagi.",
  "public.title": "Sampaikan laporan ke Ombudsman",
  "public.intro": "Laporan Anda tentang pelayanan publik kami terima tanpa biaya. Isi formulir di bawah; kolom bertanda * wajib diisi.",
  "public.step": "Langkah {step} dari {total}",
  "public.back": "Kembali",
  "public.next": "Lanjut",
  "public.send": "Kirim laporan",
  "public.aboutYou": "Tentang Anda",
  "public.aboutReport": "Tentang laporan Anda",
  "public.check": "Periksa kembali",
  "public.agencyHelp": "Nama kantor atau instansi yang Anda laporkan, misalnya Dinas Kependudukan Kota Bengkulu.",
  "public.summaryHelp": "Satu atau dua kalimat: apa yang terjadi.",
  "public.chronologyHelp": "Urutan kejadian: kapan, di mana, siapa yang Anda temui, apa jawabannya.",
  "public.substanceHelp": "Bidang layanan, misalnya kependudukan, pertanahan, kesehatan.",
  "public.done": "Laporan Anda sudah kami terima",
  "public.number": "Nomor registrasi",
  "public.pin": "PIN pelacakan",
  "public.keep": "Simpan nomor registrasi dan PIN ini. Keduanya diperlukan untuk melacak laporan Anda; PIN tidak dapat ditampilkan lagi.",
  "public.next.steps": "Selanjutnya petugas kami memeriksa kelengkapan laporan Anda dan menghubungi Anda bila ada yang kurang.",
  "public.trackIt": "Lacak laporan ini",
  "track.title": "Lacak laporan",
  "track.number": "Nomor registrasi",
  "track.pin": "PIN pelacakan",
  "track.submit": "Lacak",
  "track.notFound": "Nomor registrasi dan PIN tidak cocok dengan laporan mana pun.",
  "track.tooMany": "Terlalu banyak percobaan PIN yang salah dari jaringan Anda. Coba lagi nanti.",
  "track.status": "Status",
  "track.kind": "Jenis",
  "track.registeredAt": "Terdaftar",
  "track.updatedAt": "Diperbarui",
  "track.timeline": "Riwayat",
  "common.loading": "Memuat…",
  "common.loadFailed": "Halaman ini belum dapat dimuat. Periksa sambungan internet Anda, lalu coba lagi.",
  "common.retry": "Coba lagi",
  "common.required": "wajib",
  "nav.board": "Pemeriksaan",
  "event.opened": "Perkara dibuka",
  "event.assigned": "Ditugaskan kepada pemeriksa",
  "event.reassigned": "Dialihkan ke pemeriksa lain",
  "event.classified": "Diklasifikasi",
  "event.status_changed": "Status diubah",
  "event.activity": "Kegiatan dicatat",
  "event.concluded": "LHP diterbitkan",
  "event.corrective_action_done": "Tindakan korektif selesai",
  "event.monitoring_started": "Masuk resolusi dan monitoring",
  "event.reporter_responded": "Tanggapan pelapor diterima",
  "event.recommendation_issued": "Rekomendasi diterbitkan",
  "event.recommendation_received": "Rekomendasi diterima instansi",
  "event.recommendation_reported": "Laporan pelaksanaan rekomendasi",
  "event.closed": "Perkara ditutup",
  "event.sla_breached": "Batas waktu terlewati",
  "mal.undue_delay": "Penundaan berlarut",
  "mal.not_providing_service": "Tidak memberikan pelayanan",
  "mal.incompetence": "Tidak kompeten",
  "mal.abuse_of_authority": "Penyalahgunaan wewenang",
  "mal.procedural_deviation": "Penyimpangan prosedur",
  "mal.asking_for_payment": "Permintaan imbalan",
  "mal.improper_conduct": "Tidak patut",
  "mal.partiality": "Berpihak",
  "mal.discrimination": "Diskriminasi",
  "mal.conflict_of_interest": "Konflik kepentingan",
  "common.close": "Tutup",
  "status.new": "Ubah status",
  "status.to": "Status baru",
  "status.note": "Catatan",
  "status.submit": "Ubah status",
  "common.save": "Simpan",
  "nav.verification": "Verifikasi laporan",
  "register.notifyBy": "Cara pelapor diberi kabar",
  "register.notifyByHelp": "Bila tidak dipilih: lewat surel bila surel diisi, selain itu tidak dikabari.",
  "public.notifyBy": "Bagaimana Anda ingin diberi kabar tentang laporan ini?",
  "public.notifyByHelp": "Bila tidak dipilih: lewat surel bila Anda mengisi surel.",
  "notifyBy.email": "Surel",
  "notifyBy.whatsapp": "WhatsApp",
  "notifyBy.none": "Tidak perlu dikabari",
  "register.letterNumber": "Nomor surat",
  "register.letterNumberHelp": "Nomor surat sebagaimana ditulis pengirim, bila ada.",
} as const;

// The Indonesian the entry chunk carries (issue 21): the core above, the public form's,
// the API's words and its problems' (a sign-in or a public form can be refused), the keyboard's and the
// survey offer's, and the other areas' words the entry screens show (entry.ts); the core
// last, so a key used twice shows up in the catalogue test. Every other area's
// Indonesian is loaded before any other screen renders (loadScreenTexts, awaited by
// router.tsx): publicScreens.ts for the areas the other public pages show, the staff
// screens' by area (areas.ts). A new key goes to its area's file, and to entry.ts only
// if the sign-in, public report or tracking screen or the layout shows it.
export const ID_ENTRY = { ...ENTRY_ID, ...PUBLIC_FORM_ID, ...SURVEY_ID, ...API_ID, ...PROBLEMS_ID, ...PALETTE_ID, ...core } as const;

export type EntryOrPublicId = keyof typeof ID_ENTRY | keyof typeof PUBLIC_SCREENS_ID;
export type MessageId = EntryOrPublicId | keyof typeof SCREENS_ID;
export type CoreId = keyof typeof core;

export type Catalogue = Record<MessageId, string>;

// English is a chunk of its own (the entry's and the public pages' words), fetched the
// first time it is chosen: the public pages, opened on slow phone connections, never
// download a catalogue they do not show. Indonesian starts with the entry's part and
// gains the public pages' part once a screen other than the entry's needs it. The staff
// screens' words come by area in either language (areas.ts): each staff screen's
// route names its area and waits for it (router.tsx).
const loaded: Partial<Record<Locale, Catalogue>> = {};
// The languages asked for so far (main.tsx asks for the chosen one before the first
// render): a staff area's words are fetched in each of them, never in one not shown.
const languages = new Set<Locale>();
let english: Readonly<Record<string, string>> | undefined;
let publicWanted = false;
let publicId: object | undefined;
const wantedAreas = new Set<StaffArea>();
const fileParts: Record<Locale, Partial<Record<TextsFile, object>>> = { id: {}, en: {} };
// The languages whose catalogue lacks a part fetched since it was last merged. A part
// fetched for one call may be merged by another (the first call still waits for its
// other parts): whichever merges first takes it, and no screen renders again for nothing.
const unmerged = new Set<Locale>();
const listeners = new Set<() => void>();

function inUse(): Locale[] {
  return languages.size === 0 ? ["id"] : [...languages];
}

function merge(locale: Locale) {
  const files = Object.values(fileParts[locale]);
  unmerged.delete(locale);
  loaded[locale] = (locale === "id" ? Object.assign({}, ...files, publicId, ID_ENTRY) : Object.assign({}, ...files, english)) as Catalogue;
}

// The public pages' Indonesian (English has it in its own chunk). Like every part below,
// fetched once, and again after a failure (a dropped connection) when next needed.
const loadPublicId = onceUntilFailed(() =>
  import("./publicScreens").then(({ PUBLIC_SCREENS_ID }) => {
    publicId = PUBLIC_SCREENS_ID;
    unmerged.add("id");
  }),
);

// The staff areas' map and their files' loaders are a chunk of their own, fetched with
// the first staff screen: the entry chunk, which every public page loads on a slow phone
// connection, carries one loader instead of two for each file of every area.
const areaModule = onceUntilFailed(() => import("./areas"));

async function loadAreas(areas: Iterable<StaffArea>, locale: Locale): Promise<void> {
  const wanted = [...areas];
  if (wanted.length === 0) return;
  const { filesOf, textsOf } = await areaModule();
  const files = new Set<TextsFile>(wanted.flatMap(filesOf));
  await Promise.all(
    [...files].map(async (file) => {
      const texts = await textsOf(file, locale);
      if (fileParts[locale][file] !== undefined) return;
      fileParts[locale][file] = texts;
      unmerged.add(locale);
    }),
  );
}

export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  // In use from the start, so a screen's words asked for meanwhile come in it too; taken
  // back if its first fetch fails: screens would fetch words for a language not shown.
  const first = !languages.has(locale);
  languages.add(locale);
  try {
    if (locale === "en") english ??= (await import("./en")).EN;
    else if (publicWanted) await loadPublicId();
    await loadAreas(wantedAreas, locale);
  } catch (error) {
    if (first) languages.delete(locale);
    throw error;
  }
  merge(locale);
  return loaded[locale]!;
}

// The words of the screens but the entry's: the public pages' areas, and the staff
// areas named with their shared staff part. Fetched once each, in each language in use,
// before the first such screen renders (router.tsx), so no screen shows a message id
// while it loads.
export async function loadScreenTexts(areas: readonly StaffArea[] = []): Promise<void> {
  publicWanted = true;
  for (const area of areas) wantedAreas.add(area);
  const locales = inUse();
  await Promise.all(
    locales.map(async (locale) => {
      if (locale === "id") await loadPublicId();
      await loadAreas(areas, locale);
    }),
  );
  const stale = locales.filter((locale) => unmerged.has(locale));
  if (stale.length === 0) return; // all merged already: no screen renders again for nothing
  for (const locale of stale) merge(locale);
  for (const listener of listeners) listener();
}

// LocaleProvider renders again when a screen's words arrive.
export function subscribeCatalogues(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// A language's catalogue. LocaleProvider switches language only once loadCatalogue has
// resolved, so a screen rendered in English always finds it; Bahasa Indonesia, the
// app's first language, stands in for one not loaded yet rather than a blank screen.
// Before the screens' parts arrive only the entry's screens render, and they need only
// the entry's keys (a public page, the public part): the cast says what the type cannot.
export function catalogue(locale: Locale): Catalogue {
  return loaded[locale] ?? loaded.id ?? (ID_ENTRY as unknown as Catalogue);
}

// The catalogues loaded so far (relocalize looks a text up in each of them).
export function loadedCatalogues(): readonly Catalogue[] {
  return loaded.en === undefined ? [catalogue("id")] : [catalogue("id"), loaded.en];
}

// An API code's label (a status, a kind, a channel), or the code itself when this
// version of the app has none for it.
export function codeLabel(
  messages: Record<string, string>,
  group: "status" | "kind" | "channel" | "caseStatus" | "slaState" | "classification" | "event" | "activityKind" | "finding" | "mal" | "stance" | "outcome" | "route" | "lossKind" | "step" | "notice" | "visitStatus" | "category" | "visitStep" | "indicator" | "unit" | "dimension" | "column" | "role" | "zone" | "webhookStatus" | "dupReason" | "slaTrack" | "slaUnit",
  code: string,
): string {
  return messages[`${group}.${code}`] ?? code;
}
