// The prevention screens in the browser: the prevention officer finds their work on the
// home page, opens the published assessment and reads its score with the explanation
// per indicator (the points lost and what to fix), downloads the rapor, sees the
// agreement ending soon in words, the clinic's N-gain per participant with its category,
// the focal points and the study's suggestions; anyone, without signing in, reads the
// year's public results (the office's region counted) and checks a clinic certificate.
import { preventionWriteJourneys } from "./agreements.mjs";
import { csvLines, downloaded } from "./desk.mjs";
import { dateShown, fillDate } from "./dates.mjs";

async function signIn(page, BASE, username, PASSWORD) {
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
}

export async function officerReadsPrevention(browser, kit, username, facts) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watchOrigins(page, "prevention");
  await signIn(page, BASE, username, PASSWORD);
  const ending = page.locator('[data-queue="prev-ending"] [data-count]');
  await ending.waitFor();
  expect(Number(await ending.getAttribute("data-count")) === 1, "prevention: home counts the agreement ending soon");
  await accessible(page, "beranda-pencegahan");

  await page.getByRole("link", { name: "Pencegahan" }).click();
  await page.getByRole("heading", { name: "Pencegahan maladministrasi" }).waitFor();
  // The assessment is of an earlier year: chosen, the year goes in the address.
  await page.getByRole("combobox", { name: "Tahun" }).click();
  await page.getByRole("option", { name: facts.year, exact: true }).click();
  await page.getByRole("link", { name: facts.unit }).waitFor();
  expect(new URL(page.url()).searchParams.get("tahun") === facts.year, "prevention: the year is in the address");
  await accessible(page, "pencegahan-penilaian");
  await shot(page, "prevention-1-assessments");
  // The year's list as CSV: every assessment listed, the unit by name.
  const listed = await page.locator("[data-testid=assessments] tbody tr").count();
  const file = csvLines(await downloaded(page, kit, () => page.getByTestId("csv-download").click(), "prevention-assessments.csv"));
  expect(file.bom && file.lines[0].startsWith("Unit layanan,Jenis unit,Provinsi"), `prevention: an Excel-friendly CSV (${file.lines[0]})`);
  expect(file.lines.length - 1 === listed, `prevention: the CSV holds the ${listed} assessments listed (${file.lines.length - 1})`);
  expect(file.lines.some((l) => l.includes(facts.unit) && l.includes(`,${facts.year},`)), "prevention: the assessment is in the CSV with its year");

  await page.getByRole("link", { name: facts.unit }).click();
  const total = page.getByTestId("score-total");
  await total.waitFor();
  expect((await total.getAttribute("data-score")) === "89.21" && (await total.textContent()).includes("89,21 dari 100"), `prevention: the total in Indonesian (${await total.textContent()})`);
  const result = (await page.getByTestId("score-result").textContent()) ?? "";
  expect(result.includes("Kualitas Tertinggi"), `prevention: the result is shown (${result})`);
  // Each process indicator answered 2 of 3 lost points, and says what to fix.
  const lost = page.locator('tr[data-indicator="P.1"]');
  expect(Number(await lost.getAttribute("data-lost")) > 0, "prevention: P.1 lost points");
  const advice = (await lost.locator("td").last().textContent()) ?? "";
  expect(advice.trim().length > 1 && advice.trim() !== "—", `prevention: P.1 says what to fix (${advice})`);
  expect((await page.locator("[data-dimension]").count()) >= 2, "prevention: a table per dimension");
  await accessible(page, "pencegahan-nilai");
  await shot(page, "prevention-2-score");
  const rapor = await downloaded(page, kit, () => page.getByRole("button", { name: "Unduh rapor (PDF)" }).click(), "prevention-rapor.pdf");
  expect(rapor.head === "%PDF-" && rapor.name.startsWith("rapor-"), `prevention: the rapor PDF (${rapor.name})`);

  await page.getByRole("link", { name: "Kembali ke daftar penilaian" }).click();
  await page.getByRole("tab", { name: "Kerja sama (MoU/PKS)" }).click();
  const agreement = page.locator(`tr[data-agreement="${facts.agreement}"] [data-state]`);
  await agreement.waitFor();
  const chip = (await agreement.textContent()) ?? "";
  expect((await agreement.getAttribute("data-state")) === "ending" && chip.includes("Segera berakhir: sisa 30 hari"), `prevention: the expiry chip in words (${chip})`);
  expect((await agreement.locator("svg").count()) === 1, "prevention: the expiry chip has an icon");
  expect(new URL(page.url()).searchParams.get("bagian") === "kerja-sama", "prevention: the tab is in the address");
  await accessible(page, "pencegahan-kerja-sama");
  await shot(page, "prevention-3-agreements");

  await page.getByRole("tab", { name: "Klinik pengaduan" }).click();
  await page.getByTestId("clinics").waitFor();
  await accessible(page, "pencegahan-klinik");
  await page.getByTestId("clinics").getByRole("link").first().click();
  await page.getByTestId("gains").waitFor();
  const categories = await page.locator("[data-testid=gains] tr[data-category]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-category")).sort());
  expect(JSON.stringify(categories) === JSON.stringify(["high", "medium", "undefined"]), `prevention: a category per participant (${categories})`);
  const high = (await page.locator('[data-testid=gains] tr[data-category="high"]').textContent()) ?? "";
  expect(high.includes("0,700") && high.includes("Tinggi"), `prevention: the high gain in words (${high})`);
  expect(((await page.getByTestId("class-gain").textContent()) ?? "").includes("0,471"), "prevention: Hake's class gain");
  await accessible(page, "pencegahan-klinik-ngain");
  await shot(page, "prevention-4-clinic");

  await page.getByRole("link", { name: "Kembali ke daftar klinik" }).click();
  await page.getByRole("tab", { name: "Focal point" }).click();
  await page.getByTestId("focal-points").getByText("Rina Marlina").waitFor();
  await accessible(page, "pencegahan-focal-point");
  await shot(page, "prevention-5-focal-points");

  await page.getByRole("tab", { name: "Kajian" }).click();
  await page.getByTestId("studies").getByRole("link").first().click();
  const suggestion = page.locator('[data-testid=suggestions] tr[data-status="open"]');
  await suggestion.waitFor();
  expect(((await suggestion.textContent()) ?? "").includes("Belum ditanggapi"), "prevention: the suggestion's follow-up in words");
  await accessible(page, "pencegahan-kajian");
  await shot(page, "prevention-6-study");
  await context.close();
}

export async function publicReadsResults(browser, kit, facts) {
  const { BASE, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "public results");
  await page.goto(`${BASE}/kepatuhan?tahun=${facts.year}`);
  await page.getByRole("heading", { name: `Hasil penilaian kepatuhan standar pelayanan publik ${facts.year}` }).waitFor();
  const row = page.locator(`[data-testid=by-region] tr[data-region="${facts.region}"]`);
  await row.waitFor();
  const cells = await row.locator("td").allTextContents();
  expect(cells.at(-1) === "1" && cells.filter((c) => c === "1").length === 2, `public: the region counts one result (${cells})`);
  expect(!page.url().includes("/masuk"), "public: no sign-in asked");
  await accessible(page, "kepatuhan");
  await shot(page, "prevention-7-public-results");

  await page.goto(`${BASE}/klinik/cek/${facts.certificate}`);
  const check = page.getByTestId("certificate-result");
  await check.waitFor();
  expect(((await check.textContent()) ?? "").includes("Sertifikat ini asli"), "certificate: genuine");
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text.includes("*") && !text.includes("Rahmawati") && !text.includes("Santoso") && !text.includes("Lestari"), "certificate: the name is masked");
  await accessible(page, "klinik-cek");
  await shot(page, "prevention-8-certificate");
  await page.goto(`${BASE}/klinik/cek/KLN-0000-0000-0000-0000`);
  await page.getByTestId("certificate-not-found").waitFor();
  await context.close();
}

// The write screens: the officer opens an assessment of a new unit, types an
// enumerator's entry (two indicators, an evidence note) and downloads the spreadsheet
// template; another officer, the reviewer, approves the entry with a note.
export async function officerEntersAndReviewerApproves(browser, kit, officer, reviewer, facts) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const options = { locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true };
  // The enumerator's browser far from the office's zone: a time typed is the office's.
  const context = await browser.newContext({ ...options, locale: "en-US", timezoneId: "Pacific/Honolulu" });
  const page = await context.newPage();
  watchOrigins(page, "prevention entry");
  await signIn(page, BASE, officer, PASSWORD);
  const unit = `Dinas Perizinan Kota Uji ${Date.now().toString(36)}`;
  await page.goto(`${BASE}/pencegahan?bagian=penilaian&tahun=2023`);
  await page.getByRole("button", { name: "Buka penilaian baru" }).click();
  const form = page.getByRole("form", { name: "Penilaian baru" });
  await form.getByLabel("Unit layanan").fill(unit);
  await form.getByLabel("Provinsi").fill(facts.region);
  const scheme = (await form.getByLabel("Skema").locator("option:checked").textContent()) ?? "";
  expect(scheme.includes("ombudsman-2022"), `prevention entry: the scheme covering 2023 is chosen (${scheme})`);
  await accessible(page, "pencegahan-buka-penilaian");
  await shot(page, "prevention-9-open-assessment");
  await form.getByRole("button", { name: "Buka penilaian" }).click();
  await page.getByRole("heading", { name: `${unit} (2023)` }).waitFor();
  expect(page.url().includes("/pencegahan/penilaian/"), "prevention entry: the new assessment's page opens");

  const entry = page.getByRole("form", { name: "Isian enumerator" });
  await entry.getByLabel("Kode responden").fill("R-01");
  await entry.getByLabel("Tempat").fill("Mal Pelayanan Publik");
  const now = await dateShown(entry, /^Waktu/);
  expect(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(now), `prevention entry: the time starts at now, day first (${now})`);
  await fillDate(entry, /^Waktu/, "2023-05-02T09:30");
  const values = entry.locator("[data-testid=entry-answers] select");
  expect((await values.count()) >= 2, "prevention entry: the respondent's indicators are listed");
  await values.nth(0).selectOption({ index: 2 });
  await values.nth(1).selectOption({ index: 3 });
  await entry.locator("[data-testid=entry-answers] input").first().fill("Maklumat pelayanan terpasang di ruang tunggu");
  await accessible(page, "pencegahan-isian");
  await shot(page, "prevention-10-entry");
  await entry.getByRole("button", { name: "Kirim ke penelaah" }).click();
  await entry.getByText("Isian terkirim ke penelaah.").waitFor();
  const row = page.locator("[data-testid=entries] tr[data-status=submitted]");
  await row.waitFor();
  expect(((await row.textContent()) ?? "").includes("R-01"), "prevention entry: the entry waits for the reviewer");
  const takenAt = (await row.textContent()) ?? "";
  expect(takenAt.includes("2 Mei 2023 pukul 09.30"), `prevention entry: 09:30 typed is 09:30 on the office's clock (${takenAt})`);
  const sheet = await downloaded(page, kit, () => page.getByRole("button", { name: "Unduh templat (XLSX)" }).click(), "prevention-template.xlsx");
  expect(sheet.head.startsWith("PK") && sheet.name.endsWith(".xlsx"), `prevention entry: the template (${sheet.name})`);
  const address = page.url();
  await context.close();

  const second = await browser.newContext(options);
  const review = await second.newPage();
  watchOrigins(review, "prevention review");
  await signIn(review, BASE, reviewer, PASSWORD);
  await review.goto(address);
  const waiting = review.locator("[data-testid=entries] tr[data-status=submitted]");
  await waiting.waitFor();
  await waiting.getByRole("textbox").fill("Sesuai foto dan catatan lapangan");
  await accessible(review, "pencegahan-telaah");
  await shot(review, "prevention-11-review");
  await waiting.getByRole("button", { name: "Setujui" }).click();
  const approved = review.locator("[data-testid=entries] tr[data-status=approved]");
  await approved.waitFor();
  const text = (await approved.textContent()) ?? "";
  expect(text.includes("Disetujui") && text.includes("Sesuai foto"), `prevention review: approved with its note (${text})`);
  await shot(review, "prevention-12-approved");
  await second.close();
}

// The prevention journeys as run.mjs names them, from the facts the test made
// (tests/e2e/webapp_data.py).
export async function preventionJourneys(browser, kit, wanted) {
  const env = process.env;
  if (!wanted("prevention") || !env.APIK_PREVENTION_USER || !kit.PASSWORD) return;
  const facts = {
    unit: env.APIK_PREVENTION_UNIT,
    region: env.APIK_PREVENTION_REGION,
    year: env.APIK_PREVENTION_YEAR,
    agreement: env.APIK_PREVENTION_AGREEMENT,
    certificate: env.APIK_PREVENTION_CERTIFICATE,
  };
  await officerReadsPrevention(browser, kit, env.APIK_PREVENTION_USER, facts);
  await publicReadsResults(browser, kit, facts);
  if (env.APIK_PREVENTION_REVIEWER) await officerEntersAndReviewerApproves(browser, kit, env.APIK_PREVENTION_USER, env.APIK_PREVENTION_REVIEWER, facts);
}

// Both: the write journey (agreements.mjs) after the read one, which counts the office's
// agreements and clinics as the test made them.
export async function allPreventionJourneys(browser, kit, wanted) {
  await preventionJourneys(browser, kit, wanted);
  await preventionWriteJourneys(browser, kit, wanted);
}
