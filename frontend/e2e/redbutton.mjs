// The Red Button and the internship's public pages in the browser: an intern raises the
// Red Button anonymously (the page is never stored), must confirm the receipt code was
// saved, and writes to the officers with it; the quick exit leaves no way back; a
// protection officer signs in, acknowledges the case, records a protective action and
// reads the intern's message (the alert appeared on their alert page, without a reload,
// and was acknowledged there); the head records where the officer is alerted off the app
// and opens the institution formats; an applicant files an internship application with the
// institution's letter and reads its status; an unknown certificate code gets its clear
// message.
import { fillDate } from "./dates.mjs";

// The Red Button's journeys in order: the officer watches the alert page while the intern
// raises it, then works the case; the intern reads the reply; another role is turned
// away; the head records the officer's contact; the quick exit leaves no way back.
export async function redButtonJourneys(browser, kit, { officer, office, head, other }) {
  const receipt = await officerWatchesAlerts(browser, kit, officer, () => internRaisesRedButton(browser, kit, office));
  await officerAcknowledges(browser, kit, officer);
  await internReadsReply(browser, kit, receipt);
  if (other) await otherRoleIsTurnedAway(browser, kit, other);
  if (head) await headRecordsContact(browser, kit, head, officer);
  await quickExitLeavesNoWayBack(browser, kit);
}

// The smallest file the API accepts as a PDF letter.
const LETTER = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

export async function internRaisesRedButton(browser, kit, office) {
  const { BASE, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "red button");
  const response = await page.goto(`${BASE}/tombol-merah?kantor=${office}`);
  expect(response?.headers()["cache-control"] === "no-store", `red button: the page is never stored (${response?.headers()["cache-control"]})`);
  await page.getByRole("heading", { name: "Tombol Merah: minta perlindungan" }).waitFor();
  expect(await page.getByRole("button", { name: "Keluar cepat" }).isVisible(), "red button: the quick exit is on screen");
  await accessible(page, "tombol-merah");
  await shot(page, "redbutton-1-form");

  // Sent without the severity and the account: both are asked for at their fields.
  await page.getByRole("button", { name: "Kirim Tombol Merah" }).click();
  await page.getByText("Ceritakan apa yang terjadi.").waitFor();
  // The refusal kept on the page follows a switch of language, and back.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByText("Tell what happened.").waitFor();
  await page.getByRole("alert").filter({ hasText: "Not sent yet. Check the marked fields and try again." }).waitFor();
  await shot(page, "redbutton-1-refused-en");
  await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
  await page.getByText("Ceritakan apa yang terjadi.").waitFor();
  await page.getByRole("radio", { name: "Saya dalam bahaya sekarang" }).check();
  await page.getByLabel("Apa yang terjadi?").fill("Penyelia saya berulang kali menyentuh saya tanpa izin di ruang arsip.");
  await page.getByRole("button", { name: "Kirim Tombol Merah" }).click();
  const code = page.getByTestId("receipt-code");
  await code.waitFor();
  const receipt = (await code.textContent())?.trim() ?? "";
  expect(/^\d{4} \d{4} \d{4} \d{4}$/.test(receipt), `red button: a receipt code is shown (${receipt})`);
  // Going on without confirming is refused, with the reason at the checkbox.
  await page.getByRole("button", { name: "Lanjut ke pesan" }).click();
  await page.getByText("Centang dulu bahwa Anda sudah menyimpan kode ini.").waitFor();
  await accessible(page, "tombol-merah-kode");
  await shot(page, "redbutton-2-receipt");
  await page.getByRole("checkbox", { name: "Saya sudah menyimpan kode ini" }).check();
  await page.getByRole("button", { name: "Lanjut ke pesan" }).click();

  await page.getByRole("heading", { name: "Balasan dan pesan Tombol Merah" }).waitFor();
  expect(!page.url().includes(receipt.replace(/ /g, "")) && !page.url().includes("%20"), "red button: the code is not in the address");
  await page.getByLabel("Kode tanda terima (16 angka)").fill("1234");
  await page.getByRole("button", { name: "Buka pesan" }).click();
  await page.getByText("Kode tanda terima terdiri dari 16 angka.").waitFor();
  await page.getByLabel("Kode tanda terima (16 angka)").fill(receipt.replace(/ /g, "-"));
  await page.getByRole("button", { name: "Buka pesan" }).click();
  await page.getByText("Belum ada pesan.").waitFor();
  await page.getByLabel("Pesan baru").fill("Saya sekarang di rumah dan aman. Mohon hubungi saya lewat sini.");
  await page.getByRole("button", { name: "Kirim pesan" }).click();
  await page.getByTestId("rb-thread").getByText("Saya sekarang di rumah dan aman.", { exact: false }).waitFor();
  await accessible(page, "tombol-merah-pesan");
  await shot(page, "redbutton-3-messages");
  await context.close();
  return receipt;
}

// The quick exit replaces the page and its history entry: Back does not return here.
export async function quickExitLeavesNoWayBack(browser, kit) {
  const { BASE, expect } = kit;
  const context = await browser.newContext({ locale: "id-ID" });
  // The neutral site, answered here (the test machine has no internet).
  await context.route("https://www.bmkg.go.id/**", (route) => route.fulfill({ contentType: "text/html", body: "<title>Cuaca</title>cuaca" }));
  const page = await context.newPage();
  await page.goto(`${BASE}/lacak`);
  await page.goto(`${BASE}/tombol-merah`);
  await page.getByRole("button", { name: "Keluar cepat" }).click();
  await page.waitForURL(/bmkg\.go\.id/);
  await page.goBack();
  expect(!page.url().includes("/tombol-merah"), `quick exit: Back does not return to the Red Button (${page.url()})`);
  await context.close();
}

export async function officerAcknowledges(browser, kit, username) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "protection");
  await page.goto(`${BASE}/perlindungan`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Kasus Tombol Merah" }).waitFor();
  const table = page.getByTestId("rb-cases");
  await table.waitFor();
  expect((await table.getByText("Diterima petugas", { exact: true }).count()) === 1, "protection: the case was acknowledged from the alert page");
  expect((await table.getByText(/sisa 2[34] jam/).count()) === 1, "protection: the 1x24-hour deadline counts down");
  await accessible(page, "perlindungan");
  await shot(page, "protection-1-cases");

  await table.getByRole("link").first().click();
  await page.getByRole("heading", { name: "Kasus Tombol Merah" }).waitFor();
  await page.getByText("Tanpa nama: hanya dapat dihubungi lewat pesan").waitFor();
  await page.getByText("Saya sekarang di rumah dan aman.", { exact: false }).waitFor();
  // Acknowledged from the alert page already (officerWatchesAlerts).
  await page.getByText(`Diterima oleh ${username}`, { exact: false }).waitFor();
  expect((await page.getByTestId("rb-status").textContent()) === "Diterima petugas", "protection: the case is acknowledged");
  // The due time is in the office's zone (WITA here).
  expect((await page.getByText(/WITA$/).count()) > 0, "protection: times in the office's zone");

  await page.getByRole("combobox", { name: "Tindakan" }).click();
  await page.getByRole("option", { name: "Rujuk ke SAPA 129" }).click();
  await page.getByLabel("Catatan (disegel)").fill("Dirujuk ke SAPA 129 untuk pendampingan psikologis.");
  await page.getByRole("button", { name: "Catat tindakan" }).click();
  await page.getByText("Tindakan dicatat.").waitFor();
  await page.getByText("Terlindungi tepat waktu", { exact: false }).waitFor();
  await page.getByLabel("Pesan baru").fill("Terima kasih. Kami sudah merujuk Anda ke SAPA 129.");
  await page.getByRole("button", { name: "Kirim pesan" }).click();
  await page.getByText("Kami sudah merujuk Anda ke SAPA 129.", { exact: false }).waitFor();
  await accessible(page, "perlindungan-kasus");
  await shot(page, "protection-2-case");
  await context.close();
}

export async function applicantAppliesAndChecks(browser, kit, office) {
  const { BASE, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "internship");
  await page.goto(`${BASE}/magang/daftar?kantor=${office}`);
  await page.getByRole("heading", { name: "Pendaftaran magang" }).waitFor();
  await page.getByRole("button", { name: "Kirim lamaran" }).click();
  await page.getByRole("alert").getByText("Lamaran belum terkirim.", { exact: false }).waitFor();
  await accessible(page, "magang-daftar-error");
  await page.getByLabel("Nama lengkap").fill("Rina Kusuma");
  await page.getByLabel("Surel").fill("rina.kusuma@example.org");
  await page.getByLabel("Nama institusi").fill("Universitas Hasanuddin");
  await page.getByLabel("Program (mis. magang bersertifikat MBKM, PKL)").fill("Magang bersertifikat MBKM");
  const year = new Date().getUTCFullYear() + 1;
  await fillDate(page, /^Mulai magang/, `${year}-02-02`);
  await fillDate(page, /^Selesai magang/, `${year}-04-30`);
  await page.getByRole("checkbox", { name: "Pemeriksaan Laporan" }).check();
  await page.locator('input[type="file"]').setInputFiles({ name: "surat-pengantar.pdf", mimeType: "application/pdf", buffer: LETTER });
  await accessible(page, "magang-daftar");
  await shot(page, "internship-1-apply");
  await page.getByRole("button", { name: "Kirim lamaran" }).click();
  const code = page.getByTestId("application-code");
  await code.waitFor();
  const applicationCode = (await code.textContent())?.trim() ?? "";
  expect(applicationCode.length >= 8, `internship: an application code is shown (${applicationCode})`);
  await accessible(page, "magang-kode");
  await shot(page, "internship-2-code");

  await page.getByRole("link", { name: "Status lamaran magang" }).click();
  await page.getByRole("heading", { name: "Status lamaran magang" }).waitFor();
  await page.getByLabel("Kode lamaran").fill(applicationCode);
  await page.getByRole("button", { name: "Lihat status" }).click();
  await page.getByTestId("application-status").waitFor();
  expect((await page.getByTestId("application-status").textContent()) === "Sedang ditinjau", "internship: the status reads as under review");
  await accessible(page, "magang-status");
  await shot(page, "internship-3-status");

  await page.goto(`${BASE}/magang/cek/TIDAK-ADA-0001`);
  await page.getByTestId("check-not-found").waitFor();
  expect((await page.getByTestId("check-not-found").textContent())?.includes("TIDAK-ADA-0001"), "internship: the unknown code is named");
  await accessible(page, "magang-cek");
  await shot(page, "internship-4-check-unknown");
  await context.close();
}

// The intern comes back with the receipt and reads the officer's answer.
export async function internReadsReply(browser, kit, receipt) {
  const { BASE, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "red button reply");
  await page.goto(`${BASE}/tombol-merah/pesan`);
  await page.getByLabel("Kode tanda terima (16 angka)").fill(receipt.replace(/ /g, ""));
  await page.getByRole("button", { name: "Buka pesan" }).click();
  const reply = page.getByTestId("rb-thread").getByText("Kami sudah merujuk Anda ke SAPA 129.", { exact: false });
  await reply.waitFor();
  // From the office, never a named officer: the receipt may be in someone else's hands.
  expect((await page.getByTestId("rb-thread").getByText("Petugas perlindungan").count()) === 1, "red button: the reply is from the office");
  await accessible(page, "tombol-merah-balasan");
  await shot(page, "redbutton-4-reply");
  await context.close();
}

// Another role signed in sees a plain "not for your role" page, not the cases.
export async function otherRoleIsTurnedAway(browser, kit, username) {
  const { BASE, PASSWORD, expect, accessible } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${BASE}/perlindungan`);
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByTestId("not-for-role").waitFor();
  expect((await page.getByTestId("rb-cases").count()) === 0, "protection: another role sees no cases");
  await accessible(page, "perlindungan-peran-lain");
  await context.close();
}

async function signIn(page, kit, path, username) {
  const { BASE, PASSWORD } = kit;
  await page.goto(`${BASE}${path}`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
}

// The officer opens the alert page before anything happens; `raise` then presses the Red
// Button elsewhere, and the alert appears here without a reload: a banner, the count in
// the tab's title, the level in words; acknowledged from its row.
export async function officerWatchesAlerts(browser, kit, username, raise) {
  const { expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "alerts");
  await signIn(page, kit, "/perlindungan/peringatan", username);
  await page.getByRole("heading", { name: "Peringatan Tombol Merah" }).waitFor();
  await page.getByTestId("rb-alerts-none").waitFor();
  const result = await raise();
  const started = Date.now();
  await page.getByTestId("rb-alerts-new").waitFor({ timeout: 20_000 });
  const seconds = (Date.now() - started) / 1000;
  expect(seconds < 15, `alerts: the new alert appeared without a reload in ${seconds.toFixed(1)} s`);
  expect((await page.title()).startsWith("(1) "), `alerts: the count is in the title (${await page.title()})`);
  const row = page.getByTestId("rb-alerts").getByRole("row").nth(1);
  expect((await row.getByTestId("rb-alert-level").textContent())?.includes("Petugas jaga"), "alerts: the level in words");
  await accessible(page, "perlindungan-peringatan");
  await shot(page, "protection-0-alert");
  await row.getByRole("button", { name: "Konfirmasi diterima" }).click();
  await page.getByText("Peringatan dikonfirmasi.", { exact: false }).waitFor();
  await page.getByTestId("rb-alerts-none").waitFor();
  expect(!(await page.title()).startsWith("("), "alerts: no count left in the title");
  await context.close();
  return result;
}

// The head records where the officer is alerted (a wrong email named at its field
// first), sees it back masked, and opens the institution formats.
export async function headRecordsContact(browser, kit, head, officer) {
  const { expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "contacts");
  await signIn(page, kit, "/perlindungan/kontak", head);
  await page.getByRole("heading", { name: "Kontak peringatan Tombol Merah" }).waitFor();
  const form = page.getByTestId("rb-contact-form");
  await form.getByLabel("Nama pengguna").fill(officer);
  await form.getByLabel("Surel kerja").fill("bukan-surel");
  await form.getByRole("button", { name: "Simpan kontak" }).click();
  // The browser's own check or the API's problem: either way nothing is saved.
  expect((await page.getByTestId("rb-contacts").count()) === 0, "contacts: nothing saved with a wrong email");
  await form.getByLabel("Surel kerja").fill(`${officer}@ombudsman.go.id`);
  await form.getByLabel("Telepon (WhatsApp/SMS)").fill("0812-3456-7890");
  await form.getByRole("button", { name: "Simpan kontak" }).click();
  await page.getByText(`Kontak ${officer} disimpan.`).waitFor();
  const table = page.getByTestId("rb-contacts");
  await table.waitFor();
  expect((await table.getByText("+62812****7890").count()) === 1, "contacts: the phone shown masked");
  expect((await table.getByText(`${officer.slice(0, 1)}***@ombudsman.go.id`).count()) === 1, "contacts: the email shown masked");
  expect((await table.getByText("Petugas perlindungan").count()) === 1, "contacts: the role in words");
  await accessible(page, "perlindungan-kontak");
  await shot(page, "protection-3-contacts");

  await page.getByRole("link", { name: "Format institusi" }).click();
  await page.getByRole("heading", { name: "Format institusi" }).waitFor();
  const formats = page.getByTestId("formats");
  await formats.waitFor();
  expect((await formats.getByText("unib", { exact: true }).count()) === 1, "formats: the shipped sample is listed");
  await formats.getByRole("button", { name: "Ubah format unib" }).click();
  await page.getByRole("heading", { name: "Ubah format unib" }).waitFor();
  expect((await page.getByLabel("Institusi").inputValue()).length > 0, "formats: the format is in the form");
  await accessible(page, "magang-format");
  await shot(page, "internship-5-formats");
  await context.close();
}
