// Bulk actions in the browser (journey "bulk"): a supervisor selects three cases on the
// examination board by keyboard (j, x, Shift+X), previews assigning them to Rina (the
// one already hers refused, and why), applies, undoes within the window (nothing
// changes, even after it would have ended), applies again and reads each row's result;
// downloads the board's CSV and checks its rows, and the CSV of a filter that selects
// none. At intake the same person selects the whole queue (*), previews routing it to
// another office (the accepted reports refused by the API's rules; the help lists the
// queue's selection keys first), applies and reads
// each row's result, and the queue's CSV holds what is left. axe on every screen.
import { csvLines, downloaded } from "./desk.mjs";

async function signIn(browser, kit, username, path) {
  const { BASE, PASSWORD, watchOrigins } = kit;
  const options = { locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true };
  const context = await browser.newContext(options);
  const page = await context.newPage();
  watchOrigins(page, `bulk ${username}`);
  await page.goto(`${BASE}${path}`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  return { context, page };
}

async function supervisorAssignsInBulk(browser, kit, env) {
  const { expect, accessible, shot, settled } = kit;
  const numbers = env.APIK_BULK_CASES.split(",");
  const [hers, ...waiting] = numbers;
  const { context, page } = await signIn(browser, kit, env.APIK_BULK_USER, "/pemeriksaan");
  for (const n of numbers) await page.locator(`[data-case-row="${n}"]`).waitFor();
  const count = page.getByTestId("bulk-count");
  await count.getByText("0 dipilih").waitFor();

  // Keyboard only: the first row, x, down twice, Shift+X: all three chosen.
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await count.getByText("1 dipilih").waitFor();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("Shift+X");
  await count.getByText("3 dipilih").waitFor();
  expect((await page.locator('tr[data-chosen="true"]').count()) === 3, "bulk: three rows chosen by keyboard");
  await accessible(page, "bulk-board-selected");
  await shot(page, "bulk-1-board-selected");

  async function previewToRina() {
    await page.getByRole("combobox", { name: "Tugaskan ke pemeriksa" }).click();
    await page.getByRole("option", { name: "Rina Pemeriksa" }).click();
    await page.getByTestId("bulk-preview-button").click();
    const preview = page.getByTestId("bulk-preview");
    await preview.waitFor();
    return preview;
  }
  const preview = await previewToRina();
  expect((await preview.locator('tr[data-plan="change"]').count()) === 2, "bulk: two cases will change");
  const refused = preview.locator('tr[data-plan="refused"]');
  expect((await refused.count()) === 1, "bulk: one case refused in the preview");
  const why = (await refused.textContent()) ?? "";
  expect(why.includes(hers) && why.includes("sudah ditugaskan ke Rina Pemeriksa"), `bulk: the refusal says why (${why})`);
  await settled(page);
  await accessible(page, "bulk-preview");
  await shot(page, "bulk-2-preview");

  // Applied, then undone within the window: nothing is sent, even once it would have ended.
  await page.getByTestId("bulk-apply").click();
  await page.getByTestId("bulk-pending").waitFor();
  await accessible(page, "bulk-pending");
  await shot(page, "bulk-3-undo-window");
  await page.getByTestId("bulk-undo").click();
  await page.getByTestId("bulk-undone").waitFor();
  await page.waitForTimeout(11_000);
  await page.reload();
  for (const n of waiting) {
    const row = page.locator(`[data-case-row="${n}"]`);
    await row.waitFor();
    expect(((await row.textContent()) ?? "").includes("Belum ditugaskan"), `bulk: undone, ${n} still unassigned`);
  }

  // Again, to the end of the window: each row's result.
  await page.keyboard.press("*");
  await count.getByText("3 dipilih").waitFor();
  await previewToRina();
  await page.getByTestId("bulk-apply").click();
  const results = page.getByTestId("bulk-results");
  await results.waitFor({ timeout: 30_000 });
  expect((await results.locator('tr[data-result="applied"]').count()) === 2, "bulk: two cases assigned");
  expect((await results.locator('tr[data-result="refused"]').count()) === 1, "bulk: the refused case is in the results too");
  await results.getByText("2 diterapkan, 1 ditolak").waitFor();
  for (const n of waiting) await page.locator(`[data-case-row="${n}"]`, { hasText: "Rina Pemeriksa" }).waitFor();
  await accessible(page, "bulk-results");
  await shot(page, "bulk-4-results");

  // The CSV of what is filtered: every case, Rina's three, in the office's zone (WITA).
  const file = await downloaded(page, kit, () => page.getByTestId("csv-download").click(), "bulk-perkara.csv");
  const { bom, lines } = csvLines(file);
  expect(bom && lines[0].startsWith("Nomor registrasi,"), `bulk: an Excel-friendly CSV (${lines[0]})`);
  expect(lines.length === 4, `bulk: the CSV holds the three cases (${lines.length - 1})`);
  for (const n of numbers) expect(lines.some((l) => l.startsWith(n) && l.includes("Rina Pemeriksa")), `bulk: ${n} in the CSV with its examiner`);
  expect(lines.slice(1).every((l) => l.includes("+08:00")), "bulk: moments in the office's zone");
  await page.goto(`${kit.BASE}/pemeriksaan?status=closed`);
  await page.getByText("Tidak ada perkara dengan saringan ini.").waitFor();
  const none = csvLines(await downloaded(page, kit, () => page.getByTestId("csv-download").click(), "bulk-perkara-ditutup.csv"));
  expect(none.lines.length === 1, `bulk: the closed filter's CSV has no rows (${none.lines.length - 1})`);
  await context.close();
}

async function officerRoutesInBulk(browser, kit, env) {
  const { expect, accessible, shot, settled } = kit;
  const waiting = env.APIK_BULK_WAITING.split(",");
  const { context, page } = await signIn(browser, kit, env.APIK_BULK_USER, "/verifikasi");
  for (const n of waiting) await page.locator(`[data-report-row="${n}"]`).waitFor();
  const shown = await page.locator("tr[data-report-row]").count();
  // The help lists the selection keys the queue handles for an intake officer.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog");
  for (const key of ["Pilih atau lepas laporan yang disorot", "Pilih dari pilihan terakhir sampai laporan yang disorot", "Pilih atau lepas semua yang tampil"]) {
    await help.getByText(key).waitFor();
  }
  await accessible(page, "bulk-queue-shortcuts");
  await shot(page, "bulk-4b-queue-shortcuts");
  await page.keyboard.press("Escape");
  await help.waitFor({ state: "detached" });
  await page.keyboard.press("*");
  await page.getByTestId("bulk-count").getByText(`${shown} dipilih`).waitFor();
  await page.getByRole("combobox", { name: "Teruskan ke kantor" }).click();
  await page.getByRole("option", { name: /\(PUSAT\)/ }).click();
  await page.getByTestId("bulk-reason").fill("Terlapor berada di wilayah kantor pusat");
  await page.getByTestId("bulk-preview-button").click();
  const preview = page.getByTestId("bulk-preview");
  await preview.waitFor();
  expect((await preview.locator('tr[data-plan="change"]').count()) === 2, "bulk: the two reports at intake will be routed");
  const refused = preview.locator('tr[data-plan="refused"]');
  expect((await refused.count()) === shown - 2, "bulk: the accepted reports are refused");
  expect(((await refused.first().textContent()) ?? "").includes("tidak mengizinkannya"), "bulk: the refusal gives the status");
  await settled(page);
  await accessible(page, "bulk-route-preview");
  await shot(page, "bulk-5-route-preview");
  await page.getByTestId("bulk-apply").click();
  const results = page.getByTestId("bulk-results");
  await results.waitFor({ timeout: 30_000 });
  expect((await results.locator('tr[data-result="applied"]').count()) === 2, "bulk: two reports routed");
  for (const n of waiting) await page.locator(`[data-report-row="${n}"]`).waitFor({ state: "detached" });
  await accessible(page, "bulk-route-results");
  await shot(page, "bulk-6-route-results");
  const file = csvLines(await downloaded(page, kit, () => page.getByTestId("csv-download").click(), "bulk-laporan.csv"));
  expect(file.bom && file.lines.length - 1 === shown - 2, `bulk: the queue's CSV holds what is left (${file.lines.length - 1})`);
  expect(!waiting.some((n) => file.lines.some((l) => l.startsWith(n))), "bulk: the routed reports are not in the CSV");
  await context.close();
}

export async function bulkJourneys(browser, kit, wanted) {
  const env = process.env;
  if (!wanted("bulk") || !env.APIK_BULK_USER || !kit.PASSWORD) return;
  await supervisorAssignsInBulk(browser, kit, env);
  await officerRoutesInBulk(browser, kit, env);
}
