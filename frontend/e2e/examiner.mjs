// The examiner's journey: a case found on the board of the examiner's office, opened by
// keyboard, an activity recorded (meeting a colleague's newer change on the way), the
// final report issued, the corrective action marked done, the recommendation issued
// and its receipt and implementation report recorded, and the case closed.

// A colleague changes the case behind the examiner's back (through the API, as another
// tab or person would): the examiner's next save carries an older If-Match.
async function changeBehindTheirBack({ BASE, PASSWORD, expect }, username, CASE_ID) {
  const token = await fetch(`${BASE}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", username, password: PASSWORD }),
  }).then((r) => r.json());
  const changed = await fetch(`${BASE}/api/v1/examination/cases/${CASE_ID}/classification`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token.access_token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ classification: "sederhana" }),
  });
  expect(changed.ok, `case: the colleague's change went through (${changed.status})`);
}

export async function examinerWorks(browser, kit, { username: EXAMINER, caseId: CASE_ID, caseNumber: CASE_NUMBER }) {
  const { BASE, PASSWORD, expect, accessible, shot, settled, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "examiner");
  await page.goto(`${BASE}/pemeriksaan`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(EXAMINER);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();

  // Back on the board asked for, with the case handed over to this office.
  await page.getByRole("heading", { name: "Papan pemeriksaan" }).waitFor();
  const row = page.locator(`tr[data-case-row="${CASE_NUMBER}"]`);
  await row.waitFor();
  const chip = (await row.locator(".sla-chip").textContent()).trim();
  // The days left in the office's working days, as the case page counts them.
  expect(/^sisa \d+ hari kerja$/.test(chip), `board: the SLA chip says "sisa N hari kerja", not "${chip}"`);
  expect((await row.locator(".sla-chip svg").count()) === 1, "board: the SLA chip has an icon");
  expect((await row.textContent()).includes("Dalam pemeriksaan"), "board: the status is labelled from the catalogue");
  await accessible(page, "pemeriksaan");
  await shot(page, "examiner-1-board");

  // Filters live in the URL: a closed-only board has no row, and the back button
  // brings the open case back.
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Ditutup" }).click();
  await page.getByText("Tidak ada perkara dengan saringan ini.").waitFor();
  expect(new URL(page.url()).searchParams.get("status") === "closed", "board: the status filter is in the URL");
  await accessible(page, "pemeriksaan-saringan");
  await shot(page, "examiner-2-filtered");
  await page.goBack();
  await row.waitFor();

  // The shortcuts, by keyboard: ? shows them, Escape closes, j selects, Enter opens.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press("?");
  const shortcuts = page.getByRole("dialog", { name: "Pintasan papan ketik" });
  await shortcuts.waitFor();
  await settled(page);
  await accessible(page, "pemeriksaan-pintasan");
  await shot(page, "examiner-3-shortcuts");
  await page.keyboard.press("Escape");
  await shortcuts.waitFor({ state: "hidden" });
  await page.keyboard.press("j");
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
  expect(focused === CASE_NUMBER, `board: j focuses the case's link (${focused})`);
  expect((await row.getAttribute("data-selected")) === "true", "board: j marks the row selected");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: `Perkara ${CASE_NUMBER}` }).waitFor();
  expect(page.url().endsWith(`/pemeriksaan/${CASE_ID}`), "case: opened by keyboard");
  await page.locator('tr[data-event="opened"]').first().waitFor();
  expect((await page.content()).includes("WITA"), "case: the office's zone (WITA) on its times");
  await accessible(page, "perkara");
  await shot(page, "examiner-4-case");

  // Waiting for the agency pauses the clock (the chip says so in words); back to open.
  await page.getByRole("combobox", { name: "Status baru" }).click();
  await page.getByRole("option", { name: "Menunggu instansi" }).click();
  await page.getByRole("button", { name: "Ubah status" }).click();
  await page.locator('main .sla-chip[data-sla="paused"]').first().waitFor();
  const paused = (await page.getByTestId("case-status").textContent()).trim();
  expect(paused === "Menunggu instansi", `case: paused, the status says "${paused}"`);
  expect((await page.locator('main .sla-chip[data-sla="paused"]').first().textContent()).trim() === "dijeda", "case: the chip says dijeda");
  await shot(page, "examiner-4b-paused");
  await page.getByRole("combobox", { name: "Status baru" }).click();
  await page.getByRole("option", { name: "Dalam pemeriksaan" }).click();
  await page.getByRole("button", { name: "Ubah status" }).click();
  await page.locator('main .sla-chip[data-sla="on_track"]').first().waitFor();

  // An activity without its description: the API's problem names the field, shown there.
  await page.getByRole("button", { name: "Simpan kegiatan" }).click();
  await page.getByText("Periksa isian yang ditandai.").waitFor();
  const summary = page.getByRole("textbox", { name: /^Uraian kegiatan/ });
  expect((await summary.getAttribute("aria-invalid")) === "true", "case: the activity's missing description is shown at the field");
  await accessible(page, "perkara-kegiatan-galat");
  await shot(page, "examiner-5-activity-error");

  // A colleague changed the case meanwhile: the save meets 412 and the conflict dialog;
  // the form keeps what was typed, and saves once the latest version is loaded.
  await summary.fill("Klarifikasi tertulis dikirim ke Dinas Kependudukan.");
  await changeBehindTheirBack(kit, EXAMINER, CASE_ID);
  await page.getByRole("button", { name: "Simpan kegiatan" }).click();
  const conflict = page.getByRole("dialog", { name: "Perkara sudah diubah" });
  await conflict.waitFor();
  await settled(page);
  await accessible(page, "perkara-konflik");
  await shot(page, "examiner-6-conflict");
  await page.getByRole("button", { name: "Muat versi terbaru" }).click();
  await conflict.waitFor({ state: "hidden" });
  await page.getByText("Sederhana", { exact: true }).waitFor(); // the colleague's change, loaded
  expect((await summary.inputValue()).startsWith("Klarifikasi tertulis"), "case: the form kept the text");
  await page.getByRole("button", { name: "Simpan kegiatan" }).click();
  await page.locator('tr[data-activity="written_clarification"]').waitFor();
  await page.locator('tr[data-event="activity"]').waitFor();

  // The final report with one corrective action, the action done, and the closure.
  await page.getByRole("combobox", { name: /^Temuan/ }).click();
  await page.getByRole("option", { name: "Ditemukan maladministrasi", exact: true }).click();
  await page.getByRole("combobox", { name: /^Bentuk maladministrasi/ }).click();
  await page.getByRole("option", { name: "Penundaan berlarut" }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("textbox", { name: /^Ringkasan LHP/ }).fill("Blangko KTP tersedia; penundaan tanpa alasan yang sah.");
  await page.getByRole("textbox", { name: /^Tindakan korektif/ }).fill("Cetak KTP elektronik pelapor");
  await page.getByRole("button", { name: "Terbitkan LHP" }).click();
  await page.getByTestId("lhp").waitFor();
  await page.locator('tr[data-event="concluded"]').waitFor();
  await accessible(page, "perkara-lhp");
  await page.getByRole("button", { name: "Tandai selesai: tindakan 1" }).click();
  await page.locator('tr[data-action="0"][data-done="true"]').waitFor();
  await shot(page, "examiner-7-lhp");

  // The LHP found maladministration: the recommendation is offered (`allowed_actions`).
  // Without its text the API's problem is shown at the field; then it is issued, the
  // agency's receipt recorded (the 60 days start) and its implementation report.
  const recommendation = page.getByRole("region", { name: "Rekomendasi", exact: true });
  await recommendation.getByRole("button", { name: "Terbitkan rekomendasi" }).click();
  const recText = page.getByRole("textbox", { name: /^Isi rekomendasi/ });
  await page.getByText("Periksa isian yang ditandai.").waitFor();
  expect((await recText.getAttribute("aria-invalid")) === "true", "case: the recommendation's missing text is shown at the field");
  await recText.fill("Kepala Dinas Kependudukan agar menerbitkan KTP elektronik pelapor.");
  await recommendation.getByRole("button", { name: "Terbitkan rekomendasi" }).click();
  await page.getByTestId("recommendation").waitFor();
  await page.locator('tr[data-event="recommendation_issued"]').waitFor();
  // The page re-renders after the timeline's row shows: the button goes, or never does.
  const gone = (button) => recommendation.getByRole("button", { name: button }).waitFor({ state: "detached", timeout: 10_000 }).then(() => true, () => false);
  const issueGone = await gone("Terbitkan rekomendasi");
  expect(issueGone, "case: a recommendation is issued once (its form is gone)");
  await accessible(page, "perkara-rekomendasi");
  await recommendation.getByRole("button", { name: "Catat penerimaan" }).click();
  await recommendation.getByText("Batas laporan pelaksanaan:").waitFor();
  await page.locator('tr[data-event="recommendation_received"]').waitFor();
  expect(await gone("Catat penerimaan"), "case: the receipt is recorded once");
  await recommendation.getByRole("combobox", { name: /^Pelaksanaan/ }).click();
  await page.getByRole("option", { name: "Dilaksanakan sebagian" }).click();
  await recommendation.getByRole("textbox", { name: /^Isi laporan/ }).fill("KTP elektronik pelapor sedang dicetak.");
  await recommendation.getByRole("button", { name: "Catat laporan" }).click();
  await recommendation.locator('tr[data-report="partly"]').waitFor();
  await page.getByText("Laporan pelaksanaan dicatat.").waitFor();
  const recFacts = (await page.getByTestId("recommendation").textContent()).replace(/\s/g, " ");
  expect(recFacts.includes("1 laporan pelaksanaan") && recFacts.includes("Dilaksanakan sebagian"), `case: the report is listed (${recFacts})`);
  await accessible(page, "perkara-rekomendasi-laporan");
  await shot(page, "examiner-7b-recommendation");

  // The reporter's objection to the LHP, received by letter today.
  const responses = page.getByRole("region", { name: "Tanggapan pelapor atas LHP", exact: true });
  await responses.getByRole("combobox", { name: /^Sikap pelapor/ }).click();
  await page.getByRole("option", { name: "Keberatan" }).click();
  await responses.getByRole("textbox", { name: /^Isi tanggapan/ }).fill("Pelapor keberatan: KTP belum diterima.");
  await responses.getByRole("button", { name: "Simpan tanggapan" }).click();
  await page.getByText("Tanggapan dicatat.").waitFor();
  await page.locator('tr[data-event="reporter_responded"]').waitFor();
  // The responses are a query of their own, refetched after the timeline's: wait for it
  // (at a loaded machine's pace the check once read the list before it came).
  await responses.getByText("KTP belum diterima").first().waitFor({ timeout: 15000 }).catch(() => undefined);
  const listed = (await responses.textContent()).replace(/\s/g, " ");
  expect(listed.includes("Keberatan") && listed.includes("KTP belum diterima"), `case: the response is listed (${listed})`);
  await accessible(page, "perkara-tanggapan");
  await shot(page, "examiner-7c-response");

  await page.getByRole("combobox", { name: /^Hasil akhir/ }).click();
  await page.getByRole("option", { name: "Diselesaikan oleh instansi" }).click();
  await page.getByRole("combobox", { name: /^Cara penyelesaian/ }).click();
  await page.getByRole("option", { name: "Klarifikasi tertulis" }).click();
  await page.getByLabel("Ada kerugian publik yang dicegah atau dipulihkan").check();
  await page.getByRole("textbox", { name: /^Jumlah \(Rp\)/ }).fill("satu juta");
  await page.getByRole("button", { name: "Tutup perkara" }).click();
  await page.getByText("Tulis jumlah rupiah, misalnya 1.500.000.").waitFor();
  await page.getByRole("textbox", { name: /^Jumlah \(Rp\)/ }).fill("Rp 1.500.000");
  await page.getByRole("textbox", { name: /^Jumlah orang terdampak/ }).fill("120");
  await page.getByRole("textbox", { name: /^Uraian kerugian/ }).fill("Biaya calo KTP yang tidak jadi dibayar warga.");
  await accessible(page, "perkara-penutupan");
  await page.getByRole("button", { name: "Tutup perkara" }).click();
  await page.getByTestId("closure").waitFor();
  const status = (await page.getByTestId("case-status").textContent()).trim();
  expect(status === "Ditutup", `case: closed, the status says "${status}"`);
  const closure = (await page.getByTestId("closure").textContent()).replace(/\s/g, " ");
  expect(closure.includes("Rp 1.500.000"), `case: the public loss in rupiah (${closure})`);
  await accessible(page, "perkara-ditutup");
  await shot(page, "examiner-8-closed");

  await page.getByRole("link", { name: /Kembali ke papan pemeriksaan/ }).click();
  // The board shows what it had, then what the API says now: the closed case.
  const closedRow = page.locator(`tr[data-case-row="${CASE_NUMBER}"]`, { hasText: "Ditutup" });
  const shown = await closedRow.waitFor({ timeout: 10_000 }).then(() => true, () => false);
  expect(shown, "board: the case shows as closed");

  // The home page's case queues open the board filtered as they count.
  await page.getByRole("link", { name: "Beranda" }).click();
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  await page.locator('[data-queue="breached"]').waitFor();
  await accessible(page, "beranda-pemeriksa");
  await page.getByRole("link", { name: "Perkara melewati batas waktu" }).click();
  await page.getByRole("heading", { name: "Papan pemeriksaan" }).waitFor();
  const filters = new URL(page.url()).searchParams;
  expect(filters.get("sla") === "breached" && filters.get("pemeriksa") !== null, `home: the queue opens its board (${page.url()})`);
  await context.close();
}
