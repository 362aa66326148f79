// The intake desk's duplicate panel in the browser: an intake officer opens a report
// whose reporter filed nearly the same one before, sees the two side by side with the
// score and the reasons, marks this one a copy after confirming, and the panel then says
// so and offers no other link. `kit` holds run.mjs's helpers (expect, accessible, shot, …).
import { csvLines, downloaded } from "./desk.mjs";

async function signIn(page, username, password) {
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
}

export async function officerLinksDuplicate(browser, kit, { username, reportId, number, other }) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "duplicates");
  await page.goto(`${BASE}/verifikasi/${reportId}`);
  await signIn(page, username, PASSWORD);
  await page.getByRole("heading", { name: `Laporan ${number}` }).waitFor();
  await page.getByRole("heading", { name: "Kemungkinan laporan ganda" }).waitFor();

  const pair = page.locator(`[data-candidate="${other}"]`);
  await pair.waitFor();
  const score = (await pair.getByTestId("dup-score").textContent()).trim();
  expect(/^Kemiripan \d{1,3}%$/.test(score), `duplicates: the score is shown as a percentage (${score})`);
  const reasons = await pair.getByRole("listitem").allTextContents();
  expect(reasons[0] === "Pelapor sama", `duplicates: the same reporter is the first reason (${reasons.join(", ")})`);
  expect((await pair.textContent()).includes(`Laporan ini (${number})`), "duplicates: this report stands beside the candidate");
  expect((await pair.getByRole("link", { name: other }).count()) === 1, "duplicates: the candidate opens from its number");
  await pair.scrollIntoViewIfNeeded();
  await accessible(page, "laporan-ganda");
  await shot(page, "dup-1-panel");

  // Cancelling the dialog sends nothing; confirming marks the report a copy.
  await pair.getByRole("button", { name: "Tandai sebagai tembusan" }).click();
  const dialog = page.getByRole("dialog", { name: "Tandai sebagai tembusan" });
  await dialog.waitFor();
  expect((await dialog.textContent()).includes(other), "duplicates: the dialog names the other report");
  await accessible(page, "laporan-ganda-konfirmasi");
  await shot(page, "dup-2-confirm");
  await dialog.getByRole("button", { name: "Batal" }).click();
  await dialog.waitFor({ state: "detached" });
  expect((await page.getByTestId("dup-linked").count()) === 0, "duplicates: a cancelled link changes nothing");

  const linked = page.waitForResponse((r) => r.url().endsWith(`/reports/${reportId}/links`) && r.request().method() === "POST");
  await pair.getByRole("button", { name: "Tandai sebagai tembusan" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Tandai sebagai tembusan" }).click();
  const answer = await linked;
  expect(answer.status() === 200, `duplicates: the link is saved (${answer.status()})`);
  expect(Boolean(answer.request().headers()["if-match"]), "duplicates: the link sends the version read (If-Match)");
  await page.getByText("Tautan laporan tersimpan.").waitFor();
  await page.getByTestId("dup-linked").waitFor();
  expect((await page.getByTestId("dup-linked").textContent()).includes("tembusan"), "duplicates: the report says it is a copy");
  expect((await pair.getByRole("button", { name: "Tandai sebagai laporan ganda" }).count()) === 0, "duplicates: a linked report offers no other link");
  await accessible(page, "laporan-ganda-tertaut");
  await shot(page, "dup-3-linked");
  await context.close();
}

// An examination supervisor assigns a case waiting for an examiner: the round-robin's
// turn is shown and chosen already, the roster says each examiner's load, and the saved
// assignment names the examiner in the case's facts.
export async function supervisorAssignsCase(browser, kit, { username, caseId }) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "assignment");
  await page.goto(`${BASE}/pemeriksaan/${caseId}`);
  await signIn(page, username, PASSWORD);
  await page.getByRole("heading", { name: "Tugaskan pemeriksa" }).waitFor();
  const turn = page.getByTestId("rotation");
  await turn.getByText("giliran berikutnya Rina Pemeriksa").waitFor();
  const examiner = page.getByRole("textbox", { name: "Pemeriksa" }).or(page.getByRole("combobox", { name: "Pemeriksa" })).first();
  expect((await examiner.inputValue()).startsWith("Rina Pemeriksa (0/10 perkara)"), `assignment: the turn is chosen already (${await examiner.inputValue()})`);
  await page.getByLabel("Catatan penugasan").fill("Sesuai giliran rotasi");
  await page.getByRole("heading", { name: "Tugaskan pemeriksa" }).scrollIntoViewIfNeeded();
  await accessible(page, "penugasan");
  await shot(page, "assign-1-form");
  const sent = page.waitForResponse((r) => r.url().endsWith(`/cases/${caseId}/assignment`));
  await page.getByRole("button", { name: "Tugaskan", exact: true }).click();
  const answer = await sent;
  expect(answer.status() === 200, `assignment: saved (${answer.status()})`);
  expect(Boolean(answer.request().headers()["if-match"]), "assignment: sends the version read (If-Match)");
  await page.getByText("Penugasan tersimpan.").waitFor();
  await page.getByRole("heading", { name: "Alihkan ke pemeriksa lain" }).waitFor();
  const facts = await page.locator("#facts").locator("xpath=ancestor::section").textContent();
  expect(facts.includes("Rina Pemeriksa"), "assignment: the case's facts name the examiner");
  await accessible(page, "penugasan-selesai");
  await shot(page, "assign-2-saved");
  await context.close();
}

// The supervisor's roster in the administration: a capacity left empty is refused at its
// field, then saved; the rotation shown on; the SLA policies read (adding a version is
// national). Runs after the assignment journey (the examiner then has one open case).
export async function supervisorKeepsRoster(browser, kit, { username }) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "roster");
  await page.goto(`${BASE}/admin?bagian=roster`);
  await signIn(page, username, PASSWORD);
  await page.getByRole("heading", { name: "Pemeriksa kantor" }).waitFor();
  const row = page.getByTestId("roster-list").locator("tr", { hasText: "Rina Pemeriksa" });
  await row.waitFor();
  expect((await row.textContent()).includes("1/10 perkara"), `roster: the load counts the assigned case (${await row.textContent()})`);
  expect(await page.getByRole("switch", { name: "Bagikan perkara baru secara bergiliran" }).isChecked(), "roster: the rotation is shown on");
  await accessible(page, "admin-pemeriksa");
  await row.getByRole("button", { name: "Ubah Rina Pemeriksa" }).click();
  await page.getByRole("heading", { name: "Ubah pemeriksa Rina Pemeriksa" }).waitFor();
  const capacity = page.getByLabel("Kapasitas (perkara terbuka)");
  await capacity.fill("");
  await page.locator("#roster-form").locator("xpath=ancestor::section").getByRole("button", { name: "Simpan" }).click();
  const marked = await capacity.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  expect(marked, "roster: the API's error on the capacity is shown at the field");
  await shot(page, "roster-1-error");
  await capacity.fill("12");
  await page.locator("#roster-form").locator("xpath=ancestor::section").getByRole("button", { name: "Simpan" }).click();
  await page.getByText("Data pemeriksa tersimpan.").waitFor();
  await row.getByText("1/12 perkara").waitFor();
  await accessible(page, "admin-pemeriksa-simpan");
  await shot(page, "roster-2-saved");

  await page.getByRole("tab", { name: "Kebijakan SLA" }).click();
  await page.getByRole("heading", { name: "Versi kebijakan SLA" }).waitFor();
  await page.getByTestId("sla-list").waitFor();
  expect((await page.getByTestId("sla-list").locator("tbody tr").count()) >= 1, "sla: the policy versions are listed");
  await page.getByText("Versi kebijakan baru ditambahkan oleh kantor pusat.").waitFor();
  await accessible(page, "admin-sla");
  await shot(page, "sla-1-list");
  await context.close();
}

// The head of an office adds the office's own substance, finds it in the list, renames it.
export async function headKeepsSubstances(browser, kit, { username }) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "substances");
  await page.goto(`${BASE}/admin?bagian=substances`);
  await signIn(page, username, PASSWORD);
  await page.getByRole("heading", { name: "Daftar substansi" }).waitFor();
  const code = `air_${Date.now().toString(36)}`;
  await page.getByLabel("Kode").fill("Bukan Kode");
  await page.getByLabel("Nama (Bahasa Indonesia)").fill("Air bersih");
  await page.getByLabel("Nama (Inggris)").fill("Clean water");
  await page.getByRole("button", { name: "Tambahkan substansi" }).click();
  const marked = await page.getByLabel("Kode").and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  expect(marked, "substances: the API's error on the code is shown at the field");
  // Pydantic's pattern error, worded by its code in the user's language (not the API's
  // English with its regular expression).
  await page.getByText("Bentuknya tidak sesuai.").waitFor();
  await page.getByLabel("Kode").fill(code);
  await page.getByRole("button", { name: "Tambahkan substansi" }).click();
  await page.getByText("Substansi tersimpan.").waitFor();
  const row = page.locator(`[data-substance="${code}"]`);
  await row.waitFor();
  await accessible(page, "admin-substansi");
  await shot(page, "substance-1-added");
  await row.getByRole("button", { name: "Ubah Air bersih" }).click();
  await page.getByRole("heading", { name: `Ubah substansi ${code}` }).waitFor();
  await page.getByLabel("Nama (Bahasa Indonesia)").fill("Air bersih dan sanitasi");
  await page.getByRole("button", { name: "Simpan" }).click();
  await page.getByText("Substansi tersimpan.").waitFor();
  await row.getByText("Air bersih dan sanitasi").waitFor();
  await accessible(page, "admin-substansi-ubah");
  await shot(page, "substance-2-renamed");
  await context.close();
}

// The letter agenda and archive lending: a letter recorded; a file without a title is refused at its field, then added; lent to a
// borrower (who must be named), listed among the loans, saved as the lending list's CSV,
// and taken back.
export async function officerLendsArchive(browser, kit, { username }) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watchOrigins(page, "archive");
  await page.goto(`${BASE}/arsip`);
  await signIn(page, username, PASSWORD);
  await page.getByRole("heading", { name: "Surat dan arsip", level: 1 }).waitFor();

  // The letter agenda: a letter without its correspondent is refused at the field, then
  // recorded with an agenda number.
  await page.getByRole("button", { name: "Catat dalam agenda" }).click();
  const correspondent = page.getByLabel("Pengirim atau penerima");
  const missing = await correspondent.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  expect(missing, "letters: the API's error on the correspondent is shown at the field");
  await correspondent.fill("Dinas Pendidikan Kota Bengkulu");
  await page.getByLabel("Perihal").fill("Jawaban atas permintaan klarifikasi");
  await page.getByRole("button", { name: "Catat dalam agenda" }).click();
  await page.getByText("Surat tercatat dalam agenda.").waitFor();
  const letter = page.getByTestId("letters").locator("tbody tr", { hasText: "Jawaban atas permintaan klarifikasi" });
  await letter.waitFor();
  expect((await letter.textContent()).includes("Surat masuk"), "letters: the letter is listed as incoming");
  await accessible(page, "surat");
  await shot(page, "letters-1-recorded");
  const code = `ARS-${Date.now().toString(36).toUpperCase()}`;
  await page.getByLabel("Kode berkas").fill(code);
  await page.getByRole("button", { name: "Tambahkan berkas" }).click();
  const title = page.getByLabel("Judul berkas");
  const marked = await title.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  expect(marked, "archive: the API's error on the title is shown at the field");
  await title.fill("Berkas laporan ijazah ditahan");
  await page.getByLabel("Lokasi simpan").fill("Lemari 2, rak B");
  await page.getByRole("button", { name: "Tambahkan berkas" }).click();
  await page.getByText("Berkas tersimpan.").waitFor();
  const row = page.locator(`[data-file="${code}"]`);
  await row.waitFor();
  await accessible(page, "arsip");
  await shot(page, "archive-1-file");

  await row.getByRole("button", { name: `Pinjamkan ${code}` }).click();
  await page.getByRole("heading", { name: new RegExp(`^Pinjamkan ${code}`) }).waitFor();
  await page.getByRole("button", { name: "Pinjamkan", exact: true }).click();
  const borrower = page.getByRole("textbox", { name: "Peminjam" });
  const refused = await borrower.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  expect(refused, "archive: a loan without a borrower is refused at the field");
  await borrower.fill("Andi (Keasistenan Pemeriksaan)");
  await page.getByLabel("Keperluan").fill("Bahan rapat pleno");
  await page.getByRole("button", { name: "Pinjamkan", exact: true }).click();
  const loan = page.locator(`[data-loan="${code}"]`);
  await loan.waitFor();
  await row.getByText("Sedang dipinjam").waitFor();
  await accessible(page, "arsip-pinjam");
  await shot(page, "archive-2-lent");
  // The CSV of the loans the state shows: this one among them, its borrower, the header
  // in Indonesian, a BOM for Excel.
  const loans = csvLines(await downloaded(page, kit, () => page.getByTestId("csv-download").click(), "archive-loans.csv"));
  expect(loans.bom && loans.lines[0].startsWith("Kantor,Kode berkas,Judul berkas,Peminjam"), `archive: an Excel-friendly CSV (${loans.lines[0]})`);
  expect(loans.lines.some((l) => l.includes(code) && l.includes("Andi (Keasistenan Pemeriksaan)")), "archive: the loan is in the CSV with its borrower");
  expect(loans.lines.length - 1 === (await page.locator("[data-loan]").count()), "archive: the CSV holds exactly the loans listed");
  await loan.getByRole("button", { name: `Terima kembali ${code}` }).click();
  await page.getByText("Pengembalian tercatat.").waitFor();
  await loan.waitFor({ state: "detached" });
  await row.getByText("Tersedia").waitFor();
  await shot(page, "archive-3-returned");
  await context.close();
}

// A national admin changes an office (the duplicate journey's own): a name left empty is
// refused at its field, then the head of office is saved and the list shows the name.
export async function nationalEditsOffice(browser, kit, { username, office }) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "office edit");
  await page.goto(`${BASE}/admin?bagian=offices`);
  await signIn(page, username, PASSWORD);
  const row = page.locator(`[data-office="${office}"]`);
  await row.waitFor();
  await row.getByRole("button", { name: `Ubah ${office}` }).click();
  await page.getByRole("heading", { name: `Ubah kantor ${office}` }).waitFor();
  const form = page.locator("#office-edit").locator("xpath=ancestor::section");
  await form.getByRole("textbox", { name: /^Nama kantor/ }).fill("");
  await form.getByRole("button", { name: "Simpan" }).click();
  const sent = form.getByRole("textbox", { name: /^Nama kantor/ }).and(page.locator('[aria-invalid="true"]'));
  expect(await sent.waitFor({ timeout: 15_000 }).then(() => true, () => false), "office: the API's error on the name is shown at the field");
  await form.getByRole("textbox", { name: /^Nama kantor/ }).fill(`Perwakilan ${office} (diubah)`);
  await form.getByLabel("Nama kepala kantor").fill("Dr. Sari Wulandari");
  const saved = page.waitForResponse((r) => r.url().endsWith(`/auth/offices/${office}`) && r.request().method() === "PATCH" && r.status() === 200);
  await form.getByRole("button", { name: "Simpan" }).click();
  expect(Boolean((await saved).request().headers()["if-match"]), "office: the change sends the version read (If-Match)");
  await page.getByText("Data kantor tersimpan.").waitFor();
  await row.getByText(`Perwakilan ${office} (diubah)`).waitFor();
  await accessible(page, "admin-kantor-ubah");
  await shot(page, "office-edit-saved");
  await context.close();
}

// The journeys of this module, as run.mjs calls them: the duplicate panel with
// APIK_DUP_USER (an intake officer, same password), APIK_DUP_REPORT_ID,
// APIK_DUP_REPORT_NUMBER and APIK_DUP_OTHER_NUMBER (an office of its own with two reports
// alike), and archive lending with the same officer; assignment and the roster with APIK_ASSIGN_USER (an examination supervisor)
// and APIK_ASSIGN_CASE_ID (a case of their office waiting for an examiner); the
// substances with APIK_HEAD_USER (the head of an office).
export async function webdeskJourneys(browser, kit, wanted) {
  const env = process.env;
  if (!kit.PASSWORD) return;
  if (wanted("duplicates") && env.APIK_DUP_USER) {
    await officerLinksDuplicate(browser, kit, {
      username: env.APIK_DUP_USER,
      reportId: env.APIK_DUP_REPORT_ID,
      number: env.APIK_DUP_REPORT_NUMBER,
      other: env.APIK_DUP_OTHER_NUMBER,
    });
  }
  if (wanted("archive") && env.APIK_DUP_USER) await officerLendsArchive(browser, kit, { username: env.APIK_DUP_USER });
  if (wanted("offices") && env.APIK_ADMIN_USER && env.APIK_DUP_OFFICE) {
    await nationalEditsOffice(browser, kit, { username: env.APIK_ADMIN_USER, office: env.APIK_DUP_OFFICE });
  }
  if (wanted("assignment") && env.APIK_ASSIGN_USER) {
    await supervisorAssignsCase(browser, kit, { username: env.APIK_ASSIGN_USER, caseId: env.APIK_ASSIGN_CASE_ID });
    await supervisorKeepsRoster(browser, kit, { username: env.APIK_ASSIGN_USER });
  }
  if (wanted("substances") && env.APIK_HEAD_USER) await headKeepsSubstances(browser, kit, { username: env.APIK_HEAD_USER });
}
