// The head of an office in the browser: the KPI dashboard shows the desk visit just
// served (the figures move as the events arrive), a target typed wrong is refused at its
// field, the right one is saved and the percentage appears; a breakdown by month is
// drawn, every definition read in Bahasa Indonesia; the annual report and the indicators' CSV are downloaded.
import { readFileSync } from "node:fs";
import { downloaded } from "./desk.mjs";

export async function headReadsKpis(browser, kit, username) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watchOrigins(page, "kpi");
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  await page.getByRole("link", { name: "Kinerja" }).click();
  await page.getByRole("heading", { name: /^Dasbor kinerja \d{4}$/ }).waitFor();
  const year = new Date().getUTCFullYear();

  // The desk visit served a moment ago counts once its event has been read.
  const visits = page.locator('tr[data-indicator="desk_visits"] [data-achieved]');
  let served = 0;
  for (let i = 0; i < 20 && served < 1; i += 1) {
    await visits.waitFor();
    served = Number(await visits.getAttribute("data-achieved"));
    if (served < 1) {
      await page.waitForTimeout(1500);
      await page.reload();
    }
  }
  expect(served >= 1, `kpi: the desk visit is counted (${served})`);
  // Each indicator's definition is read in Bahasa Indonesia, marked as such.
  const definition = page.locator('tr[data-indicator="lm_registered"] [data-testid="kpi-definition"]');
  const said = (await definition.textContent()) ?? "";
  expect(said.startsWith("Laporan Masyarakat (jenis LM atau RCO) yang diregistrasi") && (await definition.getAttribute("lang")) === "id", `kpi: the definition is Indonesian (${said})`);
  await accessible(page, "kinerja");
  await shot(page, "kpi-1-dashboard");

  // A target that is no number is refused at its field; the right one is saved.
  const target = page.getByRole("textbox", { name: /^Kunjungan meja layanan/ });
  await target.fill("banyak");
  await page.getByRole("button", { name: "Simpan target" }).click();
  await page.getByText("Tulis angka, misalnya 1.200 atau 4,5.").waitFor();
  expect((await target.getAttribute("aria-invalid")) === "true", "targets: the bad target is marked");
  // Out of range for a rating: the API refuses it, and says so at that indicator.
  const rating = page.getByRole("textbox", { name: /^Rata-rata penilaian layanan/ });
  await target.fill("1.200");
  await rating.fill("7");
  await page.getByRole("button", { name: "Simpan target" }).click();
  const refused = await rating.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  expect(refused, "targets: the API's refusal of a rating of 7 is shown at its field");
  await page.getByText("Target penilaian antara 1 dan 5.").waitFor();
  await accessible(page, "kinerja-target-galat");
  await shot(page, "kpi-2-target-error");
  await rating.fill("4,5");
  await page.getByRole("button", { name: "Simpan target" }).click();
  await page.getByText("Target tersimpan.").waitFor();
  const row = page.locator('tr[data-indicator="desk_visits"]');
  await row.locator('[data-target="1200"]').waitFor();
  expect((await row.textContent()).includes("1.200"), "targets: the saved target is in the table");
  await page.getByTestId("kpi-chart").waitFor();
  await accessible(page, "kinerja-target-tersimpan");
  await shot(page, "kpi-3-target-saved");

  await page.getByRole("combobox", { name: "Rincian menurut" }).click();
  await page.getByRole("option", { name: "Bulan" }).click();
  await page.getByRole("columnheader", { name: "Kunjungan meja layanan" }).waitFor();
  await page.locator('section[aria-labelledby="kpi-breakdowns"] [data-testid="kpi-definition"][lang="id"]', { hasText: /^Per bulan dalam tahun itu/ }).waitFor();
  await accessible(page, "kinerja-rincian-bulan");
  await shot(page, "kpi-4-by-month");

  const report = await downloaded(page, kit, () => page.getByRole("button", { name: "Laporan kinerja tahunan (PDF)" }).click(), "kpi-annual-report.pdf");
  expect(report.head === "%PDF-" && report.name.startsWith("laporan-kinerja-") && report.name.endsWith(`-${year}.pdf`), `kpi: the annual report PDF (${report.name})`);
  const csv = await downloaded(page, kit, () => page.getByRole("button", { name: "Indikator (CSV)" }).click(), "kpi-indicators.csv");
  const text = readFileSync(csv.path, "utf8");
  expect(text.includes("Indikator") && text.includes("1200"), `kpi: the CSV has the indicators and the new target (${csv.name})`);
  await context.close();
}
