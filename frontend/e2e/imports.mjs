// Imports and the portal in the browser: the head of an office uploads an old spreadsheet
// with one bad row (an old status no table knows), sees the API's reason at that row and
// column, fixes it with the column mapping's status meanings (a double click checks
// once), runs the import and finds the imported reports in the verification list; then
// opens the LAPOR! sync (the pull running, the complaint the portal assigned and the
// report it became) and that report's files from the portal, one stored, one refused.
// Journey name: `imports` (APIK_JOURNEYS=imports); it needs APIK_IMPORTS_HEAD (same
// password), APIK_PORTAL_TRACKING and APIK_PORTAL_NUMBER, made by test_webapp.py
// (tests/e2e/integration_data.py).

async function signIn(page, BASE, username, PASSWORD) {
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("navigation", { name: "Menu kerja" }).waitFor();
}

// Three old records; the third's status ("Tuntas oleh Instansi") is the office's own word.
function oldSheet(tag) {
  return [
    "Nomor Registrasi,Tanggal Diterima,Tanggal Selesai,Nama Pelapor,Instansi,Uraian,Status",
    `IMP-${tag}-001,05/03/2019,20/06/2019,Budi Santoso,Dinas Pendidikan,Ijazah tidak diterbitkan,Selesai`,
    `IMP-${tag}-002,12/08/2019,,Ani Lestari,Kantor Pertanahan,Sertifikat tertunda,Proses`,
    `IMP-${tag}-003,02/09/2019,15/11/2019,Dedi Kurniawan,Dinas Kesehatan,Layanan puskesmas ditolak,Tuntas oleh Instansi`,
  ].join("\n");
}

async function headImports(browser, kit, head) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "imports");
  await signIn(page, BASE, head, PASSWORD);
  await page.getByRole("link", { name: "Impor arsip lama" }).click();
  await page.getByRole("heading", { name: "Impor arsip laporan lama" }).waitFor();
  await accessible(page, "impor-kosong");
  await shot(page, "imports-1-empty");

  const tag = String(Date.now() % 1000000);
  const sheet = { name: "arsip-2019.csv", mimeType: "text/csv", buffer: Buffer.from(oldSheet(tag), "utf8") };
  const uploads = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/integration/imports")) uploads.push(r.headers()["idempotency-key"]);
  });
  await page.locator('input[type="file"]').setInputFiles(sheet);
  await page.getByRole("button", { name: "Periksa (uji coba)" }).click();
  const bad = page.locator('[data-testid="import-errors"] [data-row="4"][data-column="Status"]');
  await bad.waitFor();
  const reason = (await bad.locator("td").last().textContent()).trim();
  // The API's code for the reason, worded by the app (its English stays the API's detail).
  expect(reason.startsWith("Status “Tuntas oleh Instansi” tidak dikenal"), `imports: the bad row's reason in Bahasa Indonesia (${reason})`);
  expect((await page.locator('[data-testid="import-errors"] tbody tr').count()) === 1, "imports: only the bad row is listed");
  expect((await page.getByTestId("import-status").getAttribute("data-status")) === "checked", "imports: a dry run is only checked");
  expect(Boolean(uploads[0]), "imports: the upload carries an Idempotency-Key");
  await accessible(page, "impor-uji-coba");
  await shot(page, "imports-2-dry-run-error");

  // The fix: the office's word for the status, given its meaning in the mapping.
  await page.getByRole("button", { name: "Pemetaan kolom" }).click();
  const meaning = page.getByRole("group", { name: "Baris arti status 1" });
  await meaning.getByLabel("Teks status lama").fill("Tuntas oleh Instansi");
  await meaning.getByRole("combobox", { name: "Artinya" }).selectOption("resolved_by_agency");
  await accessible(page, "impor-pemetaan");
  await shot(page, "imports-3-mapping");
  await page.getByRole("button", { name: "Periksa (uji coba)" }).dblclick();
  await page.getByTestId("import-no-errors").waitFor();
  expect(uploads.length === 2, `imports: a double click checks once (${uploads.length - 1} uploads for it)`);
  await page.getByRole("button", { name: "Impor 3 baris valid" }).waitFor();
  await shot(page, "imports-4-fixed");

  const runs = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/run")) runs.push(r.headers()["if-match"]);
  });
  await page.getByRole("button", { name: "Impor 3 baris valid" }).click();
  await page.getByTestId("import-done").waitFor({ timeout: 60_000 });
  expect(runs.length === 1 && Boolean(runs[0]), "imports: the run sends the version read (If-Match)");
  const history = page.getByTestId("import-history");
  await history.getByRole("row").nth(2).waitFor();
  // The list follows the run to its end on its own.
  await history.getByText("Selesai", { exact: true }).waitFor({ timeout: 30_000 });
  const states = await history.locator("tbody tr td:nth-of-type(2)").allTextContents();
  expect(states.includes("Selesai") && states.includes("Diperiksa (uji coba)"), `imports: the history shows each import's stage (${states})`);
  await accessible(page, "impor-selesai");
  await shot(page, "imports-5-done");

  await page.getByRole("link", { name: "Lihat laporan hasil impor" }).click();
  await page.getByText(`IMP-${tag}-003`).first().waitFor({ timeout: 30_000 });
  const listed = await page.content();
  expect([1, 2, 3].every((n) => listed.includes(`IMP-${tag}-00${n}`)), "imports: the three reports are in the verification list");
  await accessible(page, "impor-laporan");
  await shot(page, "imports-6-reports");
  await context.close();
}

async function headFollowsPortal(browser, kit, head, tracking, number) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "portal");
  await signIn(page, BASE, head, PASSWORD);
  await page.getByRole("link", { name: "Portal LAPOR!" }).click();
  await page.getByRole("heading", { name: "Sinkronisasi portal LAPOR!" }).waitFor();
  const lapor = page.locator('[data-testid="pull-state"] [data-portal="lapor"]');
  await lapor.waitFor();
  expect((await lapor.getAttribute("data-health")) === "ok", `portal: the pull runs (${await lapor.getAttribute("data-health")})`);
  const pulled = page.locator(`[data-testid="portal-pulled"] [data-tracking="${tracking}"]`);
  await pulled.waitFor();
  expect((await pulled.getByRole("link", { name: number }).count()) === 1, "portal: the pulled complaint names the report it became");
  await accessible(page, "portal");
  await shot(page, "portal-1-sync");

  await page.getByRole("button", { name: "Tarik ulang 24 jam dari lapor" }).click();
  await page.getByText("Penarikan ulang dijadwalkan pada putaran berikutnya.").waitFor();

  await pulled.getByRole("link", { name: number }).click();
  await page.getByRole("heading", { name: "Berkas dari portal" }).waitFor();
  const files = page.getByTestId("portal-files");
  await files.waitFor();
  const states = await files.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")).sort());
  expect(JSON.stringify(states) === JSON.stringify(["refused", "stored"]), `portal files: one stored, one refused (${states})`);
  const refused = files.locator('[data-status="refused"] td').last();
  expect(((await refused.textContent()) ?? "").trim().length > 1, "portal files: the refusal says why");
  await accessible(page, "laporan-berkas-portal");
  await shot(page, "portal-2-report-files");
  // English one click away: the portal screen in English.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: "Files from the portal" }).waitFor();
  await page.getByRole("link", { name: "LAPOR! portal" }).click();
  await page.getByRole("heading", { name: "LAPOR! portal sync" }).waitFor();
  await page.locator('[data-testid="portal-pulled"]').waitFor();
  await accessible(page, "portal-en");
  await shot(page, "portal-3-english");
  await context.close();
}

export async function importsJourneys(browser, kit, wanted) {
  const env = process.env;
  if (!wanted("imports") || !env.APIK_IMPORTS_HEAD || !kit.PASSWORD) return;
  await headImports(browser, kit, env.APIK_IMPORTS_HEAD);
  await headFollowsPortal(browser, kit, env.APIK_IMPORTS_HEAD, env.APIK_PORTAL_TRACKING, env.APIK_PORTAL_NUMBER);
}
