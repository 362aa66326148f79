// The internship staff screens in the browser (journey "mori"): the coordinator finds an
// application in the queue with the places its units have left, saves the CSV of what
// the queue's filters select and narrows them by unit in the URL (the API filters), downloads the
// institution's letter, writes the interview note, accepts it and downloads the
// acceptance letter; makes the cohort, gives two units their places, runs the
// allocation helper on confirmation and moves one placement with a reason, which the
// history shows. The supervisor approves the intern's two waiting logbook entries in
// one go (selected by keyboard, j x j Shift+X, the keys listed in the help; previewed,
// confirmed, past the undo window), exports the attendance
// recap, scores the rubric, meets the completion check's unmet rule in words, states the
// days before the intern's records and downloads the certificate. axe runs on every screen.
import { csvLines, downloaded } from "./desk.mjs";
import { fillDate } from "./dates.mjs";

const EMPTY_QUEUE = "Tidak ada lamaran dengan saringan ini.";

async function signIn(browser, kit, username, path) {
  const { BASE, PASSWORD, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watchOrigins(page, `mori ${username}`);
  await page.goto(`${BASE}${path}`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Pengelolaan magang" }).waitFor();
  return { context, page };
}

export async function coordinatorAcceptsAndAllocates(browser, kit, env) {
  const { expect, accessible, shot } = kit;
  const { context, page } = await signIn(browser, kit, env.APIK_MORI_COORDINATOR, "/mori?status=submitted");
  const row = page.locator("[data-testid=applications] tr", { hasText: env.APIK_MORI_APPLICANT });
  await row.waitFor();
  await page.getByTestId("quotas").waitFor();
  // Prevention's three places are free in every month (intake's may hold the other intern).
  const left = (await row.locator("[data-unit=prevention]").textContent()) ?? "";
  expect(left.includes("Pencegahan Maladministrasi: 3"), `mori: the places the unit has left over the period (${left})`);
  await accessible(page, "mori-lamaran");
  await shot(page, "mori-1-queue");
  // The CSV of exactly what the filters select: every listed application, the applicant
  // in full for a reviewer of the office, Indonesian headers, a BOM for Excel.
  const listed = await page.locator("[data-testid=applications] tbody tr").count();
  const file = csvLines(await downloaded(page, kit, () => page.getByTestId("csv-download").click(), "mori-lamaran.csv"));
  expect(file.bom && file.lines[0].startsWith("Nama pemohon,"), `mori: an Excel-friendly CSV (${file.lines[0]})`);
  expect(file.lines.length - 1 === listed, `mori: the CSV holds the ${listed} applications listed (${file.lines.length - 1})`);
  expect(file.lines.some((l) => l.startsWith(`${env.APIK_MORI_APPLICANT},`)), "mori: the applicant is in the CSV");
  // The filters live in the URL and the API applies them: a unit the application does
  // not ask for leaves it out of the list and of the CSV.
  await page.goto(`${kit.BASE}/mori?status=submitted&unit=examination`);
  await page.getByText(EMPTY_QUEUE).waitFor();
  expect((await row.count()) === 0, "mori: the unit's filter leaves the applicant out");
  const narrowed = csvLines(await downloaded(page, kit, () => page.getByTestId("csv-download").click(), "mori-lamaran-pemeriksaan.csv"));
  expect(!narrowed.lines.some((l) => l.startsWith(`${env.APIK_MORI_APPLICANT},`)), "mori: the unit's CSV leaves the applicant out");
  await page.goto(`${kit.BASE}/mori?status=submitted`);
  await row.waitFor();

  await row.getByRole("button", { name: `Buka lamaran ${env.APIK_MORI_APPLICANT}` }).click();
  await page.getByRole("heading", { name: `Lamaran ${env.APIK_MORI_APPLICANT}` }).waitFor();
  expect(new URL(page.url()).searchParams.get("lamaran") !== null, "mori: the opened application is in the URL");
  const letter = await downloaded(page, kit, () => page.getByTestId("institution-letter").click(), "mori-institution-letter.pdf");
  expect(letter.head === "%PDF-", `mori: the institution's letter downloads (${letter.name})`);
  await page.getByLabel(/^Catatan wawancara/).fill("Wawancara daring: motivasi kuat, siap membantu verifikasi laporan.");
  await page.getByTestId("interview-save").click();
  await page.getByText("Catatan wawancara tersimpan.").waitFor();
  await accessible(page, "mori-lamaran-buka");
  await shot(page, "mori-2-application");
  await page.getByTestId("accept").click();
  await page.getByText("Lamaran diterima. Surat penerimaan dapat diunduh.").waitFor();
  await page.getByTestId("acceptance-letter").waitFor();
  const accepted = await downloaded(page, kit, () => page.getByTestId("acceptance-letter").click(), "mori-acceptance-letter.pdf");
  expect(accepted.head === "%PDF-" && accepted.name.startsWith("surat-penerimaan-"), `mori: the acceptance letter downloads (${accepted.name})`);
  await shot(page, "mori-3-accepted");

  await page.getByRole("tab", { name: "Angkatan dan penempatan" }).click();
  await page.getByLabel(/^Nama angkatan/).fill(`Angkatan uji ${env.APIK_MORI_COHORT_START}`);
  await fillDate(page, /^Mulai/, env.APIK_MORI_COHORT_START);
  await fillDate(page, /^Selesai/, env.APIK_MORI_COHORT_END);
  await page.getByRole("button", { name: "Buat angkatan" }).click();
  await page.getByTestId("cohort-units").waitFor();
  for (const unit of ["Penerimaan dan Verifikasi Laporan", "Pencegahan Maladministrasi"]) {
    await page.getByLabel(`Kapasitas per fase: ${unit}`).fill("2");
    await page.getByRole("button", { name: `Simpan unit ${unit}` }).click();
    await page.getByText(`Unit ${unit} disimpan.`).waitFor();
  }
  await page.getByTestId("allocate").click();
  await page.getByTestId("allocate-confirm").click();
  await page.getByTestId("plan").waitFor();
  const placed = page.locator("[data-testid=plan] tbody tr").first();
  const unitBefore = await placed.getAttribute("data-unit");
  expect(unitBefore === "intake" || unitBefore === "prevention", `mori: the helper placed the intern (${unitBefore})`);
  await accessible(page, "mori-angkatan");
  await shot(page, "mori-4-plan");
  await placed.getByRole("button", { name: /^Ubah penempatan/ }).click();
  const target = unitBefore === "intake" ? "Pencegahan Maladministrasi" : "Penerimaan dan Verifikasi Laporan";
  await page.getByRole("combobox", { name: "Unit baru" }).click();
  await page.getByRole("option", { name: target }).click();
  await page.getByLabel(/^Alasan perubahan/).fill("Permintaan kampus: fokus pada pencegahan.");
  await page.getByTestId("adjust-confirm").click();
  await page.getByText("Penempatan diubah dan dicatat.").waitFor();
  const change = page.locator("[data-testid=history] tr[data-source=coordinator]");
  await change.waitFor();
  expect(((await change.textContent()) ?? "").includes("Permintaan kampus"), "mori: the change is recorded with its reason");
  await accessible(page, "mori-angkatan-ubah");
  await shot(page, "mori-5-history");
  await context.close();
}

export async function supervisorReviewsAndCompletes(browser, kit, env) {
  const { expect, accessible, shot } = kit;
  const { context, page } = await signIn(browser, kit, env.APIK_MORI_SUPERVISOR, "/mori?bagian=pembimbingan");
  const queue = page.getByTestId("review-queue");
  await queue.waitFor();
  const waiting = queue.locator("tbody tr", { hasText: env.APIK_MORI_INTERN });
  expect((await waiting.count()) === 2, `mori: two entries wait (${await waiting.count()})`);
  await page.getByTestId("approve-selected").click();
  await page.getByText("Pilih dulu entri yang akan ditinjau.").waitFor();
  // By keyboard, as on the board: j highlights the first entry, x selects it, j and
  // Shift+X select up to the second; the help (?) lists the keys the list handles.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog");
  await help.getByText("Pilih atau lepas entri logbook yang disorot").waitFor();
  await help.getByText("Pilih dari pilihan terakhir sampai entri yang disorot").waitFor();
  await accessible(page, "mori-logbook-pintasan");
  await shot(page, "mori-6a-shortcuts");
  await page.keyboard.press("Escape");
  await help.waitFor({ state: "detached" });
  expect((await queue.locator("tbody tr").count()) === 2, "mori: only the intern's two entries wait");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.getByTestId("bulk-count").getByText("1 dipilih").waitFor();
  await page.keyboard.press("j");
  await page.keyboard.press("Shift+X");
  await page.getByTestId("bulk-count").getByText("2 dipilih").waitFor();
  expect((await queue.locator('tr[data-chosen="true"]').count()) === 2, "mori: both entries chosen by keyboard");
  await page.getByTestId("approve-selected").click();
  const preview = page.getByTestId("bulk-preview");
  await preview.waitFor();
  expect((await preview.locator("tbody tr").count()) === 2, "mori: the preview lists the two entries");
  await accessible(page, "mori-logbook-pratinjau");
  await shot(page, "mori-6-preview");
  // The shared bulk bar: an undo window, then each entry's result.
  await page.getByTestId("bulk-apply").click();
  await page.getByTestId("bulk-pending").waitFor();
  const result = page.getByTestId("bulk-results");
  await result.waitFor({ timeout: 30_000 });
  expect((await result.locator('tr[data-result="applied"]').count()) === 2, `mori: both approved at once (${await result.textContent()})`);
  await page.getByText("Tidak ada entri logbook yang menunggu.").waitFor();
  const csv = await downloaded(page, kit, () => page.getByTestId("recap-csv").click(), "mori-recap.csv");
  expect(csv.name.endsWith(".csv"), `mori: the attendance recap exports (${csv.name})`);
  await accessible(page, "mori-pembimbingan");
  await shot(page, "mori-7-supervision");

  await page.getByRole("tab", { name: "Evaluasi dan penyelesaian" }).click();
  await page.getByRole("combobox", { name: "Peserta magang" }).click();
  await page.getByRole("option", { name: new RegExp(env.APIK_MORI_INTERN) }).click();
  const rubric = page.getByTestId("rubric");
  await rubric.waitFor();
  for (const group of await rubric.getByRole("radiogroup").all()) await group.getByRole("radio", { name: "5" }).check();
  await page.getByTestId("evaluate").click();
  await page.getByText("Evaluasi tersimpan.").waitFor();
  await page.getByText("Nilai akhir: 100").waitFor();
  await accessible(page, "mori-evaluasi");

  await page.getByTestId("complete").click();
  const unmet = page.getByTestId("unmet");
  await unmet.waitFor();
  const said = (await unmet.locator("[data-rule=attendance]").textContent()) ?? "";
  expect(said.startsWith("Kehadiran kurang: perlu 80%"), `mori: the unmet rule in words (${said})`);
  await shot(page, "mori-8-unmet");
  await page.getByLabel("Nyatakan hari sebelum catatan dimulai").check();
  await page.getByLabel("Hari hadir yang dinyatakan").fill(env.APIK_MORI_STATED);
  await page.getByLabel("Entri logbook disetujui yang dinyatakan").fill(env.APIK_MORI_STATED);
  await page.getByLabel("Alasan pernyataan").fill("Daftar hadir kertas dari unit sebelum akun peserta dibuat.");
  await page.getByTestId("complete").click();
  const issued = page.getByTestId("certificate");
  await issued.waitFor();
  const text = (await issued.textContent()) ?? "";
  expect(/Nomor verifikasi: SRT-/.test(text), `mori: the certificate is issued (${text})`);
  const pdf = await downloaded(page, kit, () => page.getByTestId("certificate-pdf").click(), "mori-certificate.pdf");
  expect(pdf.head === "%PDF-", `mori: the certificate downloads (${pdf.name})`);
  await accessible(page, "mori-sertifikat");
  await shot(page, "mori-9-certificate");
  await context.close();
}

// The journey as run.mjs names it.
export async function moriJourneys(browser, kit, wanted) {
  const env = process.env;
  if (!wanted("mori") || !env.APIK_MORI_COORDINATOR || !kit.PASSWORD) return;
  await coordinatorAcceptsAndAllocates(browser, kit, env);
  await supervisorReviewsAndCompletes(browser, kit, env);
}
