// The Red Button and the internship's public pages in the browser: an intern raises the
// Red Button anonymously (the page is never stored), must confirm the receipt code was
// saved, and writes to the officers with it; the quick exit leaves no way back; a
// protection officer signs in, acknowledges the case, records a protective action and
// reads the intern's message; an applicant files an internship application with the
// institution's letter and reads its status; an unknown certificate code gets its clear
// message.

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
  expect((await table.getByText("Belum diterima petugas").count()) === 1, "protection: the case waits to be acknowledged");
  expect((await table.getByText(/sisa 2[34] jam/).count()) === 1, "protection: the 1x24-hour deadline counts down");
  await accessible(page, "perlindungan");
  await shot(page, "protection-1-cases");

  await table.getByRole("link").first().click();
  await page.getByRole("heading", { name: "Kasus Tombol Merah" }).waitFor();
  await page.getByText("Tanpa nama: hanya dapat dihubungi lewat pesan").waitFor();
  await page.getByText("Saya sekarang di rumah dan aman.", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Terima kasus ini" }).click();
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
  await page.getByLabel("Mulai magang").fill(`${year}-02-02`);
  await page.getByLabel("Selesai magang").fill(`${year}-04-30`);
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
  const { BASE, expect, accessible, shot } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
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
