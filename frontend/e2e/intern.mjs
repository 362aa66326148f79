// The intern's screens in the browser: the Red Button is on every tab; a code that is
// not the office screen's is refused with the API's reason; the day's logbook entry is
// written (too short first) and waits for the supervisor; the guidebook is marked read;
// the Red Button opens the public page for the intern's office.

// The code the office screen shows now, as the supervisor's screen reads it.
async function screenCode(BASE, supervisor, PASSWORD) {
  const form = new URLSearchParams({ username: supervisor, password: PASSWORD });
  const token = await (await fetch(`${BASE}/api/v1/auth/token`, { method: "POST", body: form })).json();
  const shown = await fetch(`${BASE}/api/v1/internship/attendance/code`, { headers: { Authorization: `Bearer ${token.access_token}` } });
  return (await shown.json()).code;
}

export async function internWorks(browser, kit, username, material, supervisor) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "intern");
  await page.goto(`${BASE}/peserta-magang`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Magang saya" }).waitFor();
  expect(await page.getByTestId("red-button-banner").isVisible(), "intern: the Red Button is on the attendance tab");

  await page.getByRole("button", { name: "Presensi masuk" }).click();
  await page.getByText("Ketik kode dari layar kantor.").waitFor();
  await page.getByLabel(/^Kode di layar kantor/).fill("000000");
  await page.getByRole("button", { name: "Presensi masuk" }).click();
  const refused = page.getByTestId("attendance-result");
  await refused.waitFor();
  const said = (await refused.textContent()) ?? "";
  expect((await refused.getAttribute("role")) === "alert" && said.startsWith("Presensi belum tercatat.") && said.length > 25, `intern: a wrong code is refused with the reason (${said})`);
  await page.getByTestId("attendance-recap").waitFor();
  await accessible(page, "magang-presensi");
  await shot(page, "intern-1-attendance");
  // The screen's code is taken: checked in on a working day; on a weekend or a day off
  // the office's calendar refuses the day (never the code), said in Indonesian.
  await page.getByLabel(/^Kode di layar kantor/).fill(await screenCode(BASE, supervisor, PASSWORD));
  await page.getByRole("button", { name: "Presensi masuk" }).click();
  await page.getByTestId("attendance-result").filter({ hasNotText: said }).waitFor();
  const answer = (await page.getByTestId("attendance-result").textContent()) ?? "";
  expect(/^Presensi masuk tercatat pukul \d\d\.\d\d\.$/.test(answer) || answer.includes("Kantor tidak buka untuk peserta magang hari ini"), `intern: the screen's code is taken (${answer})`);
  // A refused day says why in Indonesian (the API's `code`), never its English detail.
  expect(!/day off|outside your internship/.test(answer), `intern: the refusal's reason is in Indonesian (${answer})`);
  await shot(page, "intern-1b-check-in");

  await page.getByRole("tab", { name: "Logbook" }).click();
  expect(await page.getByTestId("red-button-banner").isVisible(), "intern: the Red Button is on the logbook tab");
  await page.getByLabel(/^Kegiatan hari itu/).fill("Rapat");
  await page.getByRole("button", { name: "Simpan logbook" }).click();
  await page.getByText("Tulis paling sedikit 10 karakter.").waitFor();
  await page.getByLabel(/^Kegiatan hari itu/).fill("Mengikuti verifikasi formil tiga laporan bersama pembimbing.");
  await page.getByRole("button", { name: "Simpan logbook" }).click();
  await page.getByText("Logbook tersimpan dan menunggu persetujuan pembimbing.").waitFor();
  const entry = page.locator('[data-testid=logbook] tr[data-status="submitted"]');
  await entry.waitFor();
  expect(((await entry.textContent()) ?? "").includes("Menunggu persetujuan"), "intern: the entry waits for approval");
  await accessible(page, "magang-logbook");
  await shot(page, "intern-2-logbook");

  await page.getByRole("tab", { name: "Materi belajar" }).click();
  const row = page.locator(`[data-testid=learning] tr[data-material="${material}"]`);
  await row.waitFor();
  await row.getByRole("button", { name: `Saya sudah membaca ${material}` }).click();
  await row.locator('[data-state="acknowledged"]').waitFor();
  expect(((await row.textContent()) ?? "").includes("Sudah dibaca"), "intern: the guidebook is marked read");
  await accessible(page, "magang-belajar");
  await shot(page, "intern-3-learning");

  await page.getByRole("link", { name: /Tekan Tombol Merah/ }).click();
  await page.getByRole("heading", { name: "Tombol Merah: minta perlindungan" }).waitFor();
  expect(new URL(page.url()).searchParams.get("kantor") !== null, "intern: the Red Button opens for the intern's office");
  await context.close();
}

// The intern's journey as run.mjs names it.
export async function internJourneys(browser, kit, wanted) {
  const env = process.env;
  if (!wanted("intern") || !env.APIK_INTERN_USER || !kit.PASSWORD) return;
  await internWorks(browser, kit, env.APIK_INTERN_USER, env.APIK_INTERN_MATERIAL, env.APIK_INTERN_SUPERVISOR);
}
