// Browser journeys against a running APIK (the gateway serving the built app), driven
// by playwright-core in Debian's Chromium; axe-core checks every page it reaches.
// Run by tests/e2e/test_webapp.py, which starts the real stack and passes:
//   APIK_URL, APIK_OFFICER_USER, APIK_OFFICER_PASSWORD, APIK_SCREENSHOTS, APIK_CHROMIUM,
//   and for the examiner's journey APIK_EXAMINER_USER (same password), APIK_CASE_ID and
//   APIK_CASE_NUMBER (a case opened in the examiner's office, alone on its board); for the
//   desk and the KPI dashboard APIK_DESK_USER, APIK_DESK_SUPERVISOR_USER and
//   APIK_HEAD_USER (same password, one office of their own); for the Red Button
//   APIK_PROTECTION_USER (same password) and APIK_PROTECTION_OFFICE (its office, alone
//   with this test's case) and APIK_PROTECTION_HEAD_USER (its head); for the
//   administration APIK_ADMIN_USER (a national admin, same password); for prevention
//   APIK_PREVENTION_USER and the facts its office holds
//   (APIK_PREVENTION_UNIT, _REGION, _YEAR, _AGREEMENT, _CERTIFICATE); for the intern
//   APIK_INTERN_USER, APIK_INTERN_MATERIAL and APIK_INTERN_SUPERVISOR (whose office
//   screen shows the attendance code); for the intake desk's and the board's
//   (webdesk.mjs) the APIK_DUP_* and APIK_ASSIGN_* named there; for the internship staff
//   screens (mori.mjs, journey "mori") the APIK_MORI_* named there; for the Sahabat Ombudsman
//   (community.mjs, journey `community`) APIK_COMMUNITY_OFFICER and _OFFICE; for imports and
//   the portal (imports.mjs, journey `imports`) APIK_IMPORTS_HEAD, APIK_PORTAL_TRACKING and
//   APIK_PORTAL_NUMBER. APIK_JOURNEYS=desk,kpi runs only the journeys named
//   (prevention-write: agreements.mjs); the palette's (palette.mjs) reuses the
//   duplicates' and the examiner's users. APIK_LOCALE=en also photographs every screen in
//   English (screenshots/en/), see `shot`.
import { randomInt } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { adminAdministers, otherRoleMeetsNotForRole } from "./admin.mjs";
import { bulkJourneys } from "./bulk.mjs";
import { communityJourneys } from "./community.mjs";
import { deskVisit, supervisorAssigns } from "./desk.mjs";
import { examinerWorks } from "./examiner.mjs";
import { headReportJourneys } from "./headreport.mjs";
import { importsJourneys } from "./imports.mjs";
import { docsLoadOffline } from "./docs.mjs";
import { internJourneys } from "./intern.mjs";
import { moriJourneys } from "./mori.mjs";
import { paletteJourneys } from "./palette.mjs";
import { headReadsKpis } from "./kpi.mjs";
import { allPreventionJourneys } from "./prevention.mjs";
import { publicationsJourneys } from "./publications.mjs";
import { surveyJourneys } from "./survey.mjs";
import { citizenSavesAndResumes } from "./publicform.mjs";
import { webdeskJourneys } from "./webdesk.mjs";
import { applicantAppliesAndChecks, redButtonJourneys } from "./redbutton.mjs";
import { calendarFollowsTheOffice, fillDate } from "./dates.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const BASE = process.env.APIK_URL ?? "http://127.0.0.1:8000";
const SHOTS = process.env.APIK_SCREENSHOTS ?? "e2e/screenshots";
const OFFICER = process.env.APIK_OFFICER_USER;
const PASSWORD = process.env.APIK_OFFICER_PASSWORD;
const EXAMINER = process.env.APIK_EXAMINER_USER;
const CASE_ID = process.env.APIK_CASE_ID;
const CASE_NUMBER = process.env.APIK_CASE_NUMBER;
const DESK = process.env.APIK_DESK_USER;
const HEAD = process.env.APIK_HEAD_USER;
const SUPERVISOR = process.env.APIK_DESK_SUPERVISOR_USER;
const PROTECTION = process.env.APIK_PROTECTION_USER;
const PROTECTION_OFFICE = process.env.APIK_PROTECTION_OFFICE;
const PROTECTION_HEAD = process.env.APIK_PROTECTION_HEAD_USER;
const ADMIN = process.env.APIK_ADMIN_USER;
const ONLY = (process.env.APIK_JOURNEYS ?? "").split(",").filter(Boolean);
// The journey of the pass under way (see the end): null runs every journey in one pass.
let current = null;
const wanted = (name) => (current === null ? ONLY.length === 0 : name === current);
mkdirSync(SHOTS, { recursive: true });

const failures = [];
let checks = 0;

function expect(condition, message) {
  checks += 1;
  if (!condition) {
    failures.push(message);
    console.error(`FAIL ${message}`);
  }
}

// axe on the page as it is now: any WCAG 2.1 A/AA violation (or best practice) fails.
async function accessible(page, name) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }),
  );
  for (const v of result.violations) {
    const where = v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ");
    expect(false, `${name}: axe ${v.id} (${v.impact}): ${v.help} at ${where}`);
  }
  if (result.violations.length === 0) checks += 1;
}

// Presses Tab until the field labelled `label` has the focus (a keyboard user's way).
async function tabTo(page, label, presses = 15) {
  for (let i = 0; i < presses; i += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.labels?.[0]?.textContent ?? el?.getAttribute("aria-label") ?? "";
    });
    if (focused.startsWith(label)) return;
  }
  throw new Error(`no field "${label}" within ${presses} Tab presses`);
}

// A dialog fades in: axe measures contrast on what is fully drawn.
async function settled(page) {
  await page.waitForTimeout(400);
}

// APIK_LOCALE=en: every screen a journey photographs is also photographed (and checked by
// axe) in English, in the same state: the journeys keep finding things by their
// Indonesian names, and the app follows a language chosen in another tab (a `storage`
// event), which is how the page is switched here and back without losing what is on it.
const ENGLISH = process.env.APIK_LOCALE === "en";
if (ENGLISH) mkdirSync(join(SHOTS, "en"), { recursive: true });

async function switchLanguage(page, locale) {
  await page.evaluate((next) => {
    localStorage.setItem("apik.locale", next);
    window.dispatchEvent(new StorageEvent("storage", { key: "apik.locale", newValue: next }));
  }, locale);
  await page.waitForFunction((next) => document.documentElement.lang === next, locale);
  await page.waitForTimeout(150); // Mantine re-measures what changed length
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  if (!ENGLISH || !page.url().startsWith(BASE) || page.url().includes("/api/")) return;
  await switchLanguage(page, "en");
  await page.screenshot({ path: join(SHOTS, "en", `${name}.png`), fullPage: true });
  await accessible(page, `${name} (en)`);
  await switchLanguage(page, "id");
}

// Every request a page makes stays on the gateway's origin (no third-party script,
// font, style or tracker), and nothing is refused by the gateway's CSP.
function watchOrigins(page, label) {
  page.on("console", (message) => {
    const text = message.text();
    expect(!text.includes("Content Security Policy"), `${label}: CSP refused something: ${text}`);
  });
  const origin = new URL(BASE).origin;
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    expect(url.origin === origin, `${label}: request to another origin ${url.origin}`);
  });
}

// A citizen's own network, new for every run: the address the proxy in front of the
// gateway says it saw (X-Forwarded-For; the e2e stack trusts loopback as that proxy,
// tests/e2e/conftest.py). Wrong tracking PINs and draft codes are counted per client
// (5 in 15 minutes lock it out), and a journey that guesses wrong on purpose would
// otherwise share one counter with every earlier run and test on this machine, until
// a run met the lockout where it expects a right PIN to open. Each run guesses on its
// own counter, as two citizens do; the limit is what it is for everyone. An IPv6 /64 of
// the documentation prefix (the lockout counts a /64 as one client): no real network.
// A stack that trusts no proxy (`make up`) ignores the header.
function citizenNetwork() {
  const part = () => randomInt(0x10000).toString(16);
  return { "X-Forwarded-For": `2001:db8:${part()}:${part()}::1` };
}

async function citizenFilesAndTracks(browser) {
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 420, height: 900 }, extraHTTPHeaders: citizenNetwork() });
  const page = await context.newPage();
  watchOrigins(page, "public");
  await page.goto(`${BASE}/lapor`);
  await page.getByRole("heading", { name: "Sampaikan laporan ke Ombudsman" }).waitFor();
  await accessible(page, "lapor-1");
  await shot(page, "citizen-1-about-you");

  // A NIK with an impossible birth date is caught before anything is sent.
  await page.getByLabel("Nama lengkap").fill("Siti Aminah");
  await page.getByLabel("NIK").fill("1771013102900001");
  await page.getByRole("button", { name: "Lanjut" }).click();
  const nikError = page.getByText("Tanggal lahir dalam NIK tidak ada di kalender.");
  await nikError.waitFor();
  expect((await page.getByLabel("NIK").getAttribute("aria-invalid")) === "true", "public: NIK marked invalid");
  await accessible(page, "lapor-1-error");
  await shot(page, "citizen-2-nik-error");
  await page.getByLabel("NIK").fill("1771015205900001");
  await page.getByLabel("Nomor telepon").fill("0812 3456 7890");
  // How to be told of the report: the API's values, in Bahasa Indonesia.
  await page.getByRole("combobox", { name: "Bagaimana Anda ingin diberi kabar tentang laporan ini?" }).click();
  const ways = await page.getByRole("option").allTextContents();
  expect(
    JSON.stringify(ways) === JSON.stringify(["Surel", "WhatsApp", "Tidak perlu dikabari"]),
    `public: the notification choices are the API's (${ways})`,
  );
  await page.getByRole("option", { name: "WhatsApp" }).click();
  await accessible(page, "lapor-1-notify");
  await shot(page, "citizen-1b-notify-by");
  await page.getByRole("button", { name: "Lanjut" }).click();

  await page.getByRole("heading", { name: "Tentang laporan Anda" }).waitFor();
  await page.getByLabel("Instansi terlapor").fill("Dinas Kependudukan Kota Bengkulu");
  await page.getByRole("combobox", { name: "Substansi" }).click();
  await page.getByRole("option", { name: "Administrasi Kependudukan" }).click();
  await page.getByLabel("Ringkasan laporan").fill("KTP elektronik tidak kunjung dicetak");
  await page.getByLabel("Kronologi").fill("Sejak Agustus 2026 saya tiga kali datang, blangko selalu dikatakan habis.");
  await accessible(page, "lapor-2");
  await shot(page, "citizen-3-about-report");
  // Back keeps what was given.
  await page.getByRole("button", { name: "Kembali" }).click();
  expect((await page.getByLabel("Nama lengkap").inputValue()) === "Siti Aminah", "public: back keeps the name");
  await page.getByRole("button", { name: "Lanjut" }).click();
  await page.getByRole("button", { name: "Lanjut" }).click();
  // Evidence is optional: skipped here (the publicform journey attaches a file).
  await page.getByRole("heading", { name: "Bukti pendukung" }).waitFor();
  await page.getByRole("button", { name: "Lanjut" }).click();

  await page.getByRole("heading", { name: "Periksa kembali" }).waitFor();
  const chosen = page.getByRole("row", { name: /Bagaimana Anda ingin diberi kabar/ });
  expect((await chosen.textContent()).includes("WhatsApp"), "public: the check shows the chosen way to be told");
  await accessible(page, "lapor-3");
  await shot(page, "citizen-4-check");
  await page.getByRole("button", { name: "Kirim laporan" }).click();

  await page.getByRole("heading", { name: "Laporan Anda sudah kami terima" }).waitFor();
  const number = (await page.getByTestId("registration-number").textContent()).trim();
  const pin = (await page.getByTestId("tracking-pin").textContent()).trim();
  expect(number.length > 0 && pin.length > 0, "public: receipt shows number and PIN");
  await accessible(page, "lapor-done");
  await shot(page, "citizen-5-receipt");

  await page.getByRole("link", { name: "Lacak laporan ini" }).click();
  await page.getByRole("heading", { name: "Lacak laporan" }).waitFor();
  expect((await page.getByLabel("Nomor registrasi").inputValue()) === number, "track: number carried over");
  await page.getByLabel("PIN pelacakan").fill("000000");
  await page.getByRole("button", { name: "Lacak" }).click();
  await page.getByText("Nomor registrasi dan PIN tidak cocok").waitFor();
  await page.getByLabel("PIN pelacakan").fill(pin);
  await page.getByRole("button", { name: "Lacak" }).click();
  await page.getByTestId("tracking-status").waitFor();
  const status = (await page.getByTestId("tracking-status").textContent()).trim();
  expect(status === "Terdaftar", `track: status is "Terdaftar", not "${status}"`);
  expect((await page.content()).includes("WIB"), "track: dates carry their zone");
  await accessible(page, "lacak");
  await shot(page, "citizen-6-tracked");
  await context.close();
  return number;
}

async function officerWorks(browser, publicNumber) {
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "staff");
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  expect(page.url().includes("/masuk"), "staff: a signed-out visit lands on the sign-in page");
  await accessible(page, "masuk");
  await shot(page, "officer-1-sign-in");
  await page.getByLabel("Nama pengguna").fill(OFFICER);
  await page.getByLabel("Kata sandi").fill("salah-sekali");
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByText("Nama pengguna atau kata sandi salah").waitFor();
  // Signing in by keyboard alone, from a fresh page: Tab to the fields, type, Enter.
  await page.reload();
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await tabTo(page, "Nama pengguna");
  await page.keyboard.type(OFFICER);
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");

  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  const registered = page.locator('[data-queue="registered"] [data-count]');
  await registered.waitFor();
  const count = Number(await registered.getAttribute("data-count"));
  expect(count >= 1, `home: the citizen's report ${publicNumber} counts in the registered queue (${count})`);
  await accessible(page, "home");
  await shot(page, "officer-2-home");

  // A reload renews the session with the refresh token and stays signed in.
  const renewal = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/auth/token") && (r.request().postData() ?? "").includes("refresh_token"),
  );
  await page.reload();
  expect((await renewal).status() === 200, "session: renewed with the refresh token");
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();

  await page.getByRole("link", { name: "Registrasi laporan" }).click();
  await page.getByRole("heading", { name: "Registrasi laporan" }).waitFor();
  await accessible(page, "registrasi");
  await page.getByRole("combobox", { name: "Saluran" }).click();
  await page.getByRole("option", { name: "Surat" }).click();
  // A letter: its own number, and how the reporter wants to hear of it.
  await page.getByLabel("Nomor surat").fill("005/DPU/III/2026");
  await page.getByRole("combobox", { name: "Cara pelapor diberi kabar" }).click();
  await page.getByRole("option", { name: "Tidak perlu dikabari" }).click();
  await accessible(page, "registrasi-letter");
  await shot(page, "officer-2b-letter-notify-by");
  await page.getByLabel("Nama lengkap").fill("Budi Santoso");
  await page.getByLabel("NIK").fill("12345");
  await page.getByRole("button", { name: "Simpan registrasi" }).click();
  await page.getByText("NIK terdiri atas tepat 16 angka.").waitFor();
  await page.getByLabel("NIK").fill("1771010101900001");
  // No summary: the API's problem+json names the field, shown at it.
  // The general "Periksa isian yang ditandai." is still on screen from the NIK error:
  // wait for the API's answer itself to mark the field, not for that text.
  await page.getByRole("button", { name: "Simpan registrasi" }).click();
  const summary = page.getByLabel("Ringkasan laporan");
  const marked = await summary
    .and(page.locator('[aria-invalid="true"]'))
    .waitFor({ timeout: 15_000 })
    .then(() => true, () => false);
  expect(marked, "desk: the API's error on the summary is shown at the field");
  await accessible(page, "registrasi-error");
  await shot(page, "officer-3-field-error");
  await page.getByLabel("Instansi terlapor").fill("Dinas Pendidikan Kota Bengkulu");
  await page.getByRole("combobox", { name: "Substansi" }).click();
  await page.getByRole("option", { name: "Pendidikan", exact: true }).click();
  await page.getByLabel("Ringkasan laporan").fill("Ijazah ditahan sekolah");
  await page.getByLabel("Kronologi").fill("Sejak Juli 2026 sekolah menahan ijazah anak pelapor.");
  await page.getByRole("button", { name: "Simpan registrasi" }).click();
  await page.getByText(/Laporan tercatat dengan nomor registrasi/).waitFor();
  expect((await page.getByLabel("Nama lengkap").inputValue()) === "", "desk: the form is cleared for the next report");
  await accessible(page, "registrasi-done");
  await shot(page, "officer-4-registered");

  // English is one click away, and stays Indonesian-first by default.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: "Register a report" }).waitFor();
  await page.getByRole("button", { name: "Bahasa Indonesia" }).click();

  await page.getByRole("button", { name: "Keluar" }).click();
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.goto(`${BASE}/registrasi`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  expect(page.url().includes("/masuk"), "session: signed out, a staff page asks to sign in again");
  await context.close();
}

// The citizen's report, from the verification queue through formal and material
// verification to the plenary's acceptance, by an intake officer in the browser.
async function officerVerifies(browser, publicNumber) {
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "verification");
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(OFFICER);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();

  // The home page's queue opens the verification queue filtered as counted.
  await page.locator('[data-queue="registered"] a').click();
  await page.getByRole("heading", { name: "Antrean verifikasi" }).waitFor();
  expect(new URL(page.url()).searchParams.get("status") === "registered", `queue: filtered by status (${page.url()})`);
  const row = page.locator(`[data-report-row="${publicNumber}"]`);
  await row.waitFor();
  await accessible(page, "verifikasi");
  await shot(page, "verify-1-queue");
  // The awaiting-notice filter is in the URL, and the citizen's fresh report is not in it.
  const listed = page.waitForResponse((r) => r.url().includes("/api/v1/intake/reports?") && r.url().includes("awaiting_notice=true"));
  await page.getByLabel("Belum diberi pemberitahuan kelengkapan").check();
  await page.waitForURL(/awaiting_notice=true/);
  expect((await listed).ok(), "queue: the filter is sent to the API");
  await page.getByRole("status", { name: "Memuat…" }).waitFor({ state: "detached" });
  expect((await row.count()) === 0, "queue: a report never found incomplete awaits no notice");
  await page.goBack();
  await row.waitFor();

  await row.getByRole("link", { name: publicNumber }).click();
  await page.getByRole("heading", { name: `Laporan ${publicNumber}` }).waitFor();
  await page.getByRole("heading", { name: "Verifikasi formil" }).waitFor();
  await accessible(page, "laporan");
  await shot(page, "verify-2-report");

  // Incomplete with an empty notice: the API's problem lands at the notice's field.
  await page.getByRole("button", { name: "Simpan: belum lengkap" }).click();
  const message = page.getByLabel("Isi pemberitahuan");
  const marked = await message
    .and(page.locator('[aria-invalid="true"]'))
    .waitFor({ timeout: 15_000 })
    .then(() => true, () => false);
  expect(marked, "formal: the API's error on the notice is shown at its field");
  expect((await page.getByTestId("report-status").textContent()).trim() === "Terdaftar", "formal: a refused step changes nothing");

  // The reporter's identity is completed; a birth date the NIK contradicts is refused at its field.
  await page.getByLabel("Tempat lahir").fill("Bengkulu");
  await fillDate(page, /^Tanggal lahir/, "1990-05-13");
  await page.getByLabel("Pekerjaan").fill("Pedagang");
  await page.getByLabel("Alamat").fill("Jl. Suprapto No. 5, Kota Bengkulu");
  await page.getByRole("button", { name: "Simpan identitas" }).click();
  await page.getByText("Tanggal lahir tidak sesuai dengan yang tertera pada NIK.").waitFor();
  await accessible(page, "laporan-error");
  await shot(page, "verify-3-field-error");
  await fillDate(page, /^Tanggal lahir/, "1990-05-12");
  await page.getByRole("button", { name: "Simpan identitas" }).click();
  await page.locator('[data-step="identity_completed"]').waitFor();

  // The identity is read only on a stated purpose, which the API records with the reader.
  await page.getByRole("button", { name: "Lihat identitas pelapor" }).click();
  await page.getByRole("button", { name: "Baca identitas" }).click();
  await page.getByText("Tuliskan keperluan membaca identitas (minimal 3 huruf).").waitFor();
  // The refusal kept at the field follows a switch of language, and back.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByText("State why you read the identity (at least 3 letters).").waitFor();
  await shot(page, "verify-3a-identity-refused-en");
  await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
  await page.getByText("Tuliskan keperluan membaca identitas (minimal 3 huruf).").waitFor();
  await page.getByLabel("Keperluan membaca identitas").fill("Menghubungi pelapor untuk melengkapi berkas");
  await page.getByRole("button", { name: "Baca identitas" }).click();
  const identity = page.getByTestId("reporter-identity");
  await identity.waitFor();
  expect((await identity.getAttribute("data-disclosure")) === "full", "identity: an intake officer reads it in full");
  expect((await identity.textContent()).includes("Pedagang"), "identity: the completed occupation is shown");
  await accessible(page, "laporan-identitas");
  await shot(page, "verify-3b-identity");

  for (const item of [
    "Identitas pelapor lengkap",
    "Kronologi jelas",
    "Pelapor sudah mengadu ke instansi terlapor atau atasannya",
    "Kejadian belum lewat dua tahun",
  ]) {
    await page.getByRole("checkbox", { name: item }).check();
  }
  expect(await page.getByRole("checkbox", { name: "Kejadian belum lewat dua tahun" }).isChecked(), "formal: the checklist is ticked");
  // A colleague adds to the identity meanwhile: the save meets a newer version (412),
  // the dialog says so, and the ticked checklist is still there after the reload.
  const reportId = new URL(page.url()).pathname.split("/").pop();
  const token = await fetch(`${BASE}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", username: OFFICER, password: PASSWORD }),
  }).then((r) => r.json());
  const changed = await fetch(`${BASE}/api/v1/intake/reports/${reportId}/identity-completion`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token.access_token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ occupation: "Pedagang pasar" }),
  });
  expect(changed.ok, `formal: the colleague's change went through (${changed.status})`);
  await page.getByRole("button", { name: "Simpan: lengkap" }).click();
  await page.getByRole("dialog", { name: "Laporan sudah diubah" }).waitFor();
  await settled(page);
  await accessible(page, "laporan-konflik");
  await shot(page, "verify-4a-conflict");
  await page.getByRole("button", { name: "Muat versi terbaru" }).click();
  await page.locator('[data-step="identity_completed"]').nth(1).waitFor();
  expect(await page.getByRole("checkbox", { name: "Kronologi jelas" }).isChecked(), "formal: the checklist survives the conflict");
  await page.getByRole("button", { name: "Simpan: lengkap" }).click();
  await page.getByRole("heading", { name: "Verifikasi materiil" }).waitFor();
  const status = async () => (await page.getByTestId("report-status").textContent()).trim();
  expect((await status()) === "Lolos verifikasi formil", `formal: passed (${await status()})`);
  await accessible(page, "laporan-materiil");
  await shot(page, "verify-4-material");

  await page.getByRole("button", { name: "Simpan: memenuhi" }).click();
  await page.getByRole("heading", { name: "Keputusan pleno" }).waitFor();
  expect((await status()) === "Lolos verifikasi materiil", `material: passed (${await status()})`);
  await accessible(page, "laporan-pleno");
  await page.getByLabel("Peserta pleno").fill("Kepala Perwakilan\nKepala Keasistenan PVL");
  await shot(page, "verify-5-plenary");
  await page.getByRole("button", { name: "Simpan keputusan pleno" }).click();
  await page.getByTestId("no-steps").waitFor();
  expect((await status()) === "Diterima untuk diperiksa", `plenary: accepted (${await status()})`);
  expect((await page.locator('[data-step="plenary_accept"]').count()) === 1, "plenary: in the report's history");
  await accessible(page, "laporan-diterima");
  await shot(page, "verify-6-accepted");
  await context.close();
}

// Every journey the run is given, or those of one pass (`wanted` says which).
async function journeys(browser) {
  if (wanted("citizen")) {
    const number = await citizenFilesAndTracks(browser);
    if (OFFICER && PASSWORD) await officerWorks(browser, number);
    if (OFFICER && PASSWORD) await officerVerifies(browser, number);
  }
  const kit = { BASE, SHOTS, PASSWORD, expect, accessible, shot, settled, watchOrigins, switchLanguage, citizenNetwork };
  if (wanted("examiner") && EXAMINER && CASE_ID && CASE_NUMBER) {
    await examinerWorks(browser, kit, { username: EXAMINER, caseId: CASE_ID, caseNumber: CASE_NUMBER });
  }
  // The head's dashboard counts the visit the desk journey serves: desk first.
  if (wanted("desk") && DESK && PASSWORD) await deskVisit(browser, kit, DESK);
  if (wanted("desk") && DESK && SUPERVISOR && PASSWORD) await supervisorAssigns(browser, kit, SUPERVISOR, DESK);
  if (wanted("kpi") && HEAD && PASSWORD) await headReadsKpis(browser, kit, HEAD);
  await surveyJourneys(browser, kit, wanted); // after the KPI journey: its head is another office's
  if (wanted("redbutton") && PROTECTION && PROTECTION_OFFICE && PASSWORD) {
    await redButtonJourneys(browser, kit, { officer: PROTECTION, office: PROTECTION_OFFICE, head: PROTECTION_HEAD, other: DESK });
  }
  if (wanted("internship")) await applicantAppliesAndChecks(browser, kit, PROTECTION_OFFICE ?? "PUSAT");
  if (wanted("admin") && ADMIN && PASSWORD) {
    await adminAdministers(browser, kit, ADMIN);
    if (DESK) await otherRoleMeetsNotForRole(browser, kit, DESK);
  }
  for (const group of [allPreventionJourneys, publicationsJourneys, communityJourneys, internJourneys, moriJourneys, bulkJourneys]) {
    await group(browser, kit, wanted);
  }
  if (wanted("docs")) await docsLoadOffline(browser, kit);
  if (wanted("publicform")) await citizenSavesAndResumes(browser, kit);
  if (wanted("publicform")) await calendarFollowsTheOffice(browser, kit);
  await webdeskJourneys(browser, kit, wanted);
  await headReportJourneys(browser, kit, wanted);
  await importsJourneys(browser, kit, wanted);
  await paletteJourneys(browser, kit, wanted);
}

const launch = () =>
  chromium.launch({ executablePath: process.env.APIK_CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });

// One pass within `seconds`: a journey that fails or overruns fails its pass, and the
// browser it leaves is replaced by a fresh one for the next pass. Returns the browser.
async function pass(browser, name, seconds) {
  const [failed, checked, started] = [failures.length, checks, Date.now()];
  const run = journeys(browser);
  run.catch(() => {}); // an overrun pass's journey fails later, as its browser closes
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: not done within ${seconds} s`)), seconds * 1000);
  });
  try {
    await Promise.race([run, limit]);
    // What a journey left open goes with it, as with a browser of its own.
    for (const context of browser.contexts()) await context.close();
  } catch (error) {
    failures.push(`${name}: ${String(error?.stack ?? error)}`);
    console.error(error);
    await browser.close().catch(() => {});
    browser = await launch();
  } finally {
    clearTimeout(timer);
  }
  const bad = failures.length - failed;
  const took = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`journey ${name}: ${checks - checked - bad} passed, ${bad} failed (${took} s)`);
  return browser;
}

// APIK_JOURNEYS=desk,kpi runs those journeys one after the other, each in a pass of its
// own (what a run of that journey alone does) within APIK_JOURNEY_SECONDS, all in one
// browser: a browser and a Node process per journey cost seconds each, 25 times over.
let browser = await launch();
try {
  if (ONLY.length === 0) {
    browser = await pass(browser, "all", Number(process.env.APIK_JOURNEY_SECONDS ?? 3600));
  }
  for (const name of ONLY) {
    current = name;
    browser = await pass(browser, name, Number(process.env.APIK_JOURNEY_SECONDS ?? 420));
  }
} catch (error) {
  failures.push(String(error?.stack ?? error));
  console.error(error);
} finally {
  await browser.close();
}
console.log(`${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
