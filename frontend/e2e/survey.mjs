// The reporter's satisfaction survey, on a phone: the tracking page of a closed case
// offers it; a question left unanswered is refused by the API and marked at the question;
// the answers are sent and thanked for, the link then says it has been answered, and the
// tracking page thanks instead of offering. The head of the office sees the IKM on the
// KPI dashboard move from nothing to the index of those answers. No cookie is set.
// Made by tests/e2e/survey_data.py: APIK_SURVEY_NUMBER, APIK_SURVEY_PIN, APIK_SURVEY_HEAD.

const NUMBER = process.env.APIK_SURVEY_NUMBER;
const PIN = process.env.APIK_SURVEY_PIN;
const HEAD = process.env.APIK_SURVEY_HEAD;
// Every element's answer but two at the top of the scale: the index is 25 x 34 / 9.
const ANSWERS = {
  requirements: "Sangat sesuai",
  procedure: "Mudah",
  completion_time: "Cepat",
  cost: "Gratis",
  product: "Sangat sesuai",
  competence: "Sangat kompeten",
  behaviour: "Sangat sopan dan ramah",
  facilities: "Sangat baik",
  complaint_handling: "Dikelola dengan baik",
};
const IKM = 94.44;

async function ikmOnDashboard(browser, kit, { wait }) {
  const { BASE, PASSWORD, shot, accessible, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "survey-kpi");
  await page.goto(`${BASE}/masuk`);
  await page.getByLabel("Nama pengguna").fill(HEAD);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  await page.getByRole("link", { name: "Kinerja" }).click();
  await page.getByRole("heading", { name: /^Dasbor kinerja \d{4}$/ }).waitFor();
  const row = page.locator('tr[data-indicator="ikm"]');
  let achieved = null;
  // The answers reach reporting as an event: the figure moves once it has been read.
  for (let i = 0; i < (wait ? 30 : 1); i += 1) {
    await row.waitFor();
    const cell = row.locator("[data-achieved]");
    achieved = (await cell.count()) > 0 ? Number(await cell.getAttribute("data-achieved")) : null;
    if (achieved !== null || !wait) break;
    await page.waitForTimeout(1500);
    await page.reload();
  }
  if (wait) {
    await accessible(page, "survey-kpi");
    await shot(page, "survey-6-kpi-ikm");
  }
  await context.close();
  return achieved;
}

async function trackIt(page, BASE) {
  await page.goto(`${BASE}/lacak?nomor=${encodeURIComponent(NUMBER)}`);
  await page.getByRole("heading", { name: "Lacak laporan" }).waitFor();
  await page.getByLabel("PIN pelacakan").fill(PIN);
  await page.getByRole("button", { name: "Lacak" }).click();
  await page.getByTestId("tracking-status").waitFor();
}

export async function surveyJourney(browser, kit) {
  const { BASE, expect, accessible, shot, watchOrigins } = kit;
  const before = await ikmOnDashboard(browser, kit, { wait: false });
  expect(before === null, `survey: the office's IKM is empty before the answers (${before})`);

  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  watchOrigins(page, "survey");
  await trackIt(page, BASE);
  const outcome = (await page.getByTestId("tracking-outcome").textContent()).trim();
  expect(outcome === "Tidak ditemukan maladministrasi", `survey: the tracking page shows the outcome (${outcome})`);
  await page.getByTestId("survey-offer").waitFor();
  await accessible(page, "survey-track-offer");
  await shot(page, "survey-1-track-offer");

  await page.getByRole("link", { name: "Isi survei kepuasan" }).click();
  await page.getByRole("heading", { name: "Survei kepuasan" }).waitFor();
  expect(page.url().includes("/survei/"), "survey: the offer leads to the survey page");
  const questions = await page.locator("[data-element]").count();
  expect(questions === 9, `survey: the nine elements the API gives are asked (${questions})`);
  await accessible(page, "survey-form");
  await shot(page, "survey-2-form");

  // One question left out: the API refuses and names it; the page marks that question.
  for (const [element, answer] of Object.entries(ANSWERS)) {
    if (element === "cost") continue;
    await page.locator(`[data-element="${element}"]`).getByRole("radio", { name: answer, exact: true }).check();
  }
  const refused = page.waitForResponse((r) => r.url().includes("/public/surveys/") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  expect((await refused).status() === 422, "survey: the API refuses the unanswered question");
  await page.getByTestId("survey-failure").waitFor();
  const cost = page.locator('[data-element="cost"]');
  expect((await cost.textContent()).includes("Pilih satu jawaban."), "survey: the refusal is shown at the question");
  const marked = await page.locator('[data-element="behaviour"]').textContent();
  expect(!marked.includes("Pilih satu jawaban."), "survey: an answered question is not marked");
  await accessible(page, "survey-error");
  await shot(page, "survey-3-error");

  await cost.getByRole("radio", { name: "Gratis", exact: true }).check();
  await page.getByLabel("Saran atau masukan (tidak wajib)").fill("Petugas ramah dan cepat menanggapi.");
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await page.getByRole("heading", { name: "Terima kasih atas penilaian Anda" }).waitFor();
  expect((await page.getByTestId("survey-thanks").textContent()).includes(NUMBER), "survey: the thanks names the report");
  await accessible(page, "survey-thanks");
  await shot(page, "survey-4-thanks");

  // The link again: answered, nothing more to send.
  await page.reload();
  await page.getByTestId("survey-unavailable").waitFor();
  expect((await page.getByRole("button", { name: "Kirim jawaban" }).count()) === 0, "survey: an answered link asks nothing");
  await trackIt(page, BASE);
  await page.getByTestId("survey-offer-done").waitFor();
  expect((await page.getByTestId("survey-offer").count()) === 0, "survey: the tracking page no longer offers it");
  await accessible(page, "survey-track-done");
  await shot(page, "survey-5-track-done");
  const cookies = await context.cookies();
  expect(cookies.length === 0, `survey: no cookie is set (${cookies.map((c) => c.name)})`);
  await context.close();

  const after = await ikmOnDashboard(browser, kit, { wait: true });
  expect(after !== null && Math.abs(after - IKM) < 0.006, `survey: the IKM shows the answers (${after}, not ${IKM})`);
}

export async function surveyJourneys(browser, kit, wanted) {
  if (wanted("survey") && NUMBER && PIN && HEAD) await surveyJourney(browser, kit);
}
