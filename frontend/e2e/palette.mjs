// Working fast, by keyboard alone: the command palette goes to a screen and opens a
// report or a case by its number, `?` shows the page's shortcuts and everyone's, and a
// form left half typed is offered back when its user returns, and is gone once they sign
// out. Run as journey `palette` with run.mjs's kit; the intake officer is the
// duplicates journey's (APIK_DUP_USER, a report APIK_DUP_REPORT_NUMBER in their office),
// the examiner the examiner journey's (APIK_EXAMINER_USER, APIK_CASE_NUMBER).

async function signIn(page, username, password) {
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByLabel("Kata sandi").press("Enter");
}

const PALETTE = { name: "Palet perintah" };

// Whether the palette's active option (aria-activedescendant) is the one named `name`.
function isActive(name) {
  const box = document.querySelector('[role="combobox"][aria-controls="apik-palette-list"]');
  const active = box && document.getElementById(box.getAttribute("aria-activedescendant") ?? "");
  return active?.textContent?.startsWith(name) ?? false;
}

// Opens the palette with Ctrl+K, types `text`, waits for the option named `option`
// to be the active one, and opens it with Enter. `first`: the option must be the one
// offered first, active without an arrow key.
async function viaPalette(page, kit, text, option, label, { first = false } = {}) {
  const { expect } = kit;
  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", PALETTE);
  await dialog.waitFor();
  const box = dialog.getByRole("combobox");
  await box.pressSequentially(text);
  const wanted = dialog.getByRole("option", { name: option });
  await wanted.waitFor();
  // A screen's name may match several: the arrow keys move to the one wanted, as a user
  // would. A number that names a report and its case offers the caller's own work first.
  for (let moves = 0; !first && moves < 10 && !(await page.evaluate(isActive, option)); moves++) {
    await page.keyboard.press("ArrowDown");
  }
  await page.waitForFunction(isActive, option);
  expect((await wanted.getAttribute("aria-selected")) === "true", `${label}: the option is the active one`);
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "hidden" });
}

function draftsKept(page) {
  return page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("apik.draft.")).length);
}

async function intakeOfficer(browser, kit, { username, number }) {
  const { BASE, PASSWORD, expect, accessible, shot, settled, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "palette");
  await page.goto(`${BASE}/`);
  await signIn(page, username, PASSWORD);
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();

  // The header's button opens it too; Escape closes it and gives the focus back.
  const button = page.getByRole("button", { name: "Cari layar atau nomor (Ctrl+K)" });
  await button.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", PALETTE);
  await dialog.waitFor();
  await settled(page);
  const focusedRole = await page.evaluate(() => document.activeElement?.getAttribute("role"));
  expect(focusedRole === "combobox", `palette: the search box has the focus (${focusedRole})`);
  const offered = await dialog.getByRole("option").allTextContents();
  expect(offered.some((o) => o.startsWith("Registrasi laporan")), `palette: the intake screens are offered (${offered})`);
  expect(!offered.some((o) => o.startsWith("Pemeriksaan")), "palette: a screen the roles do not open is not offered");
  await accessible(page, "palet");
  await shot(page, "palette-1-open");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  // The focus comes back once the closing modal lets go of it, a moment after it hides.
  await page
    .waitForFunction(() => (document.activeElement?.textContent ?? "").startsWith("Cari layar"), null, { timeout: 5000 })
    .catch(() => {});
  const back = await page.evaluate(() => document.activeElement?.textContent ?? "");
  expect(back.startsWith("Cari layar"), `palette: the focus is back on the button that opened it (${back})`);

  // A screen by its name.
  await page.evaluate(() => document.activeElement?.blur());
  await viaPalette(page, kit, "regis", "Registrasi laporan", "palette screen");
  await page.getByRole("heading", { name: "Registrasi laporan" }).waitFor();
  expect(new URL(page.url()).pathname === "/registrasi", `palette: landed on the screen (${page.url()})`);

  // A report by its number, typed in small letters: `/` opens the palette outside a field.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press("/");
  await dialog.waitFor();
  await dialog.getByRole("combobox").pressSequentially(number.toLowerCase());
  const report = dialog.getByRole("option", { name: `Buka laporan ${number}` });
  await report.waitFor();
  await accessible(page, "palet-nomor");
  await shot(page, "palette-2-number");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: `Laporan ${number}` }).waitFor();
  // A number that is no report's says so in the palette, and opens nothing.
  await page.keyboard.press("Control+k");
  await dialog.getByRole("combobox").pressSequentially("ZZZ-2026-0000-0000-0000");
  await dialog.getByText("Tidak ada laporan atau perkara bernomor ZZZ-2026-0000-0000-0000 di kantor Anda.").waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });

  // `?` on a page with shortcuts of its own: the queue's, and everyone's.
  await viaPalette(page, kit, "verifikasi", "Verifikasi laporan", "palette queue");
  await page.getByRole("heading", { name: "Antrean verifikasi" }).waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Pintasan papan ketik" });
  await help.waitFor();
  await settled(page);
  expect((await help.textContent()).includes("Buka laporan yang dipilih"), "help: the queue's own shortcuts");
  expect((await help.textContent()).includes("Buka palet perintah"), "help: the palette's shortcut");
  await accessible(page, "pintasan-antrean");
  await shot(page, "palette-3-help");
  await page.keyboard.press("Escape");
  await help.waitFor({ state: "hidden" });

  // A registration half typed, left, and found again.
  await viaPalette(page, kit, "registrasi", "Registrasi laporan", "palette draft");
  await page.getByRole("heading", { name: "Registrasi laporan" }).waitFor();
  await page.getByLabel("Nama lengkap").focus();
  await page.keyboard.type("Siti Aminah");
  await page.getByLabel("Ringkasan laporan").focus();
  await page.keyboard.type("KTP elektronik tidak kunjung dicetak");
  await viaPalette(page, kit, "beranda", "Beranda", "palette home");
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  expect((await draftsKept(page)) === 1, "draft: kept in the tab when the form is left");
  await viaPalette(page, kit, "registrasi", "Registrasi laporan", "palette back");
  const notice = page.getByRole("status").filter({ hasText: "Draf dipulihkan" });
  await notice.waitFor();
  expect((await page.getByLabel("Nama lengkap").inputValue()) === "Siti Aminah", "draft: the name is back");
  expect((await page.getByLabel("Ringkasan laporan").inputValue()) === "KTP elektronik tidak kunjung dicetak", "draft: the summary is back");
  await accessible(page, "registrasi-draf");
  await shot(page, "palette-4-draft-restored");
  // Thrown away: the form as it opened, nothing kept.
  await notice.getByRole("button", { name: "Buang draf" }).press("Enter");
  await notice.waitFor({ state: "detached" });
  expect((await page.getByLabel("Nama lengkap").inputValue()) === "", "draft: discarded, the name is gone");
  expect((await draftsKept(page)) === 0, "draft: discarded, nothing kept");

  // Typed again and left; then the user signs out: nothing of it survives.
  await page.getByLabel("Nama lengkap").focus();
  await page.keyboard.type("Budi Santoso");
  await viaPalette(page, kit, "beranda", "Beranda", "palette home 2");
  expect((await draftsKept(page)) === 1, "draft: kept again");
  await page.getByRole("button", { name: "Keluar" }).press("Enter");
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  expect((await draftsKept(page)) === 0, "draft: sign-out clears every draft of the tab");
  await signIn(page, username, PASSWORD);
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  await viaPalette(page, kit, "registrasi", "Registrasi laporan", "palette after sign-in");
  await page.getByRole("heading", { name: "Registrasi laporan" }).waitFor();
  await page.waitForTimeout(500); // a restored draft would show by now
  expect((await page.getByText("Draf dipulihkan").count()) === 0, "draft: none offered after signing in again");
  expect((await page.getByLabel("Nama lengkap").inputValue()) === "", "draft: the name did not survive the sign-out");
  await context.close();
}

async function examiner(browser, kit, { username, number }) {
  const { BASE, PASSWORD, expect, accessible, shot, settled, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "palette examiner");
  await page.goto(`${BASE}/`);
  await signIn(page, username, PASSWORD);
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await viaPalette(page, kit, "pemeriksaan", "Pemeriksaan", "palette board");
  await page.getByRole("heading", { name: "Papan pemeriksaan" }).waitFor();
  // The board's keys, in the same help dialog as every page's.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Pintasan papan ketik" });
  await help.waitFor();
  await settled(page);
  expect((await help.textContent()).includes("Ke baris berikutnya"), "help: the board's shortcuts");
  await accessible(page, "pintasan-papan");
  await shot(page, "palette-5-board-help");
  await page.keyboard.press("Escape");
  await help.waitFor({ state: "hidden" });
  // A case by its number: its report is offered too, but an examiner works cases, so
  // the case comes first and Enter opens it.
  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", PALETTE);
  await dialog.getByRole("combobox").pressSequentially(number);
  await dialog.getByRole("option", { name: `Buka laporan ${number}` }).waitFor();
  const offered = await dialog.getByRole("option").allTextContents();
  expect(offered[0]?.startsWith(`Buka perkara ${number}`), `palette: the examiner is offered the case first (${offered})`);
  await shot(page, "palette-6-case-first");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  await viaPalette(page, kit, number, `Buka perkara ${number}`, "palette case", { first: true });
  await page.getByRole("heading", { name: `Perkara ${number}` }).waitFor();
  await accessible(page, "perkara-palet");
  await context.close();
}

export async function paletteJourneys(browser, kit, wanted) {
  if (!wanted("palette")) return;
  const dup = process.env.APIK_DUP_USER;
  const report = process.env.APIK_DUP_REPORT_NUMBER;
  if (dup && report) await intakeOfficer(browser, kit, { username: dup, number: report });
  const examinerUser = process.env.APIK_EXAMINER_USER;
  const caseNumber = process.env.APIK_CASE_NUMBER;
  if (examinerUser && caseNumber) await examiner(browser, kit, { username: examinerUser, number: caseNumber });
}
