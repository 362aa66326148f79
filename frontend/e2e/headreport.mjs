// The head of an office on an intake report (APIK_AGE_HEAD_USER, APIK_AGE_REPORT_ID and
// APIK_AGE_REPORT_NUMBER: a report of their office whose event is older than the limit):
// the page flags the age and offers the head's exception, the action the API lists for
// them (`age_exception` in `allowed_actions`); a reason too short is refused at its field,
// a proper one recorded: the flag then says excepted, the form is gone and the report's
// history names the step. `kit` holds run.mjs's helpers (expect, accessible, shot, …).

export async function headReportJourneys(browser, kit, wanted) {
  const env = process.env;
  if (!wanted("agelimit") || !env.APIK_AGE_HEAD_USER || !kit.PASSWORD) return;
  await headExceptsAgeLimit(browser, kit, {
    username: env.APIK_AGE_HEAD_USER,
    reportId: env.APIK_AGE_REPORT_ID,
    number: env.APIK_AGE_REPORT_NUMBER,
  });
}

async function headExceptsAgeLimit(browser, kit, { username, reportId, number }) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "agelimit");
  await page.goto(`${BASE}/verifikasi/${reportId}`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: `Laporan ${number}` }).waitFor();

  const flag = page.getByTestId("age-flag");
  await flag.waitFor();
  expect((await flag.textContent()).includes("memerlukan pengecualian"), `agelimit: the page flags the event's age (${await flag.textContent()})`);
  const form = page.locator("form", { has: page.getByRole("heading", { name: /^Pengecualian batas waktu kejadian/ }) });
  await form.waitFor();
  // A head records no verification step: the exception is their only action here.
  expect((await page.getByRole("button", { name: "Catat pengecualian" }).count()) === 1, "agelimit: the head is offered the exception");
  expect((await page.getByRole("heading", { name: "Verifikasi formil" }).count()) === 0, "agelimit: no verification step for the head");
  await accessible(page, "agelimit-offered");
  await shot(page, "agelimit-1-offered");

  // Too short a reason: refused at its field, nothing recorded.
  const reason = form.getByRole("textbox", { name: "Alasan pengecualian" });
  await reason.fill("Terlambat");
  await form.getByRole("button", { name: "Catat pengecualian" }).click();
  await page.waitForFunction(() => document.querySelector('textarea[aria-invalid="true"]') !== null);
  // Worded by the API's error code in the screen's language, not pydantic's English.
  await page.getByText("Paling sedikit 10 karakter.").waitFor();
  expect((await page.locator('[data-step="age_limit_exception"]').count()) === 0, "agelimit: a refused reason records nothing");
  await accessible(page, "agelimit-refused");
  await shot(page, "agelimit-2-refused");

  await reason.fill("Pelapor baru mengetahui hasil layanan setelah proses banding selesai.");
  await form.getByRole("button", { name: "Catat pengecualian" }).click();
  await page.locator('[data-step="age_limit_exception"]').waitFor();
  expect((await flag.textContent()).includes("telah memberi pengecualian"), `agelimit: the flag says excepted (${await flag.textContent()})`);
  expect((await page.getByRole("button", { name: "Catat pengecualian" }).count()) === 0, "agelimit: the exception is no longer offered");
  const step = (await page.locator('[data-step="age_limit_exception"]').textContent()).trim();
  expect(step.includes("Pengecualian batas waktu kejadian"), `agelimit: the history names the step (${step})`);
  await accessible(page, "agelimit-recorded");
  await shot(page, "agelimit-3-recorded");
  await context.close();
}
