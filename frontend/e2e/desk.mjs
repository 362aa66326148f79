// The consultation desk in the browser: a desk officer checks a visitor in and saves the
// slip, calls them from the live queue (a second tab sees the queue change without a
// reload), serves them with the clock running, pausing and resuming, ends the service,
// hands the screen over for the rating and a signature drawn on the pad, and saves the
// final form. `kit` holds run.mjs's helpers (expect, accessible, shot, …).
import { readFileSync } from "node:fs";
import { join } from "node:path";

async function signIn(page, base, username, password, heading) {
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: heading }).waitFor();
}

// Saves what a click downloads next to the screenshots; gives its name and first bytes.
// A downloaded CSV's rows (header first), read as a spreadsheet would: BOM, then lines.
export function csvLines(file) {
  const text = readFileSync(file.path, "utf8");
  return { bom: text.charCodeAt(0) === 0xfeff, lines: text.replace(/^\uFEFF/, "").trim().split(/\r\n/) };
}

export async function downloaded(page, kit, click, as) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(kit.SHOTS, as);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), head: readFileSync(path).subarray(0, 5).toString("latin1"), path };
}

export async function deskVisit(browser, kit, username) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const options = { locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true };
  const context = await browser.newContext(options);
  const page = await context.newPage();
  watchOrigins(page, "desk");
  await page.goto(`${BASE}/meja-layanan`);
  await signIn(page, BASE, username, PASSWORD, "Antrean meja layanan");
  await page.getByText("Belum ada tamu dalam antrean.").waitFor();
  await page.getByRole("status").filter({ hasText: "Diperbarui langsung" }).waitFor();
  await accessible(page, "meja-layanan");
  await shot(page, "desk-1-queue-empty");

  // Check-in: a form without the visitor's name is refused, the API's error at the field.
  await page.getByRole("link", { name: "Daftarkan tamu" }).click();
  await page.getByRole("heading", { name: "Pendaftaran tamu" }).waitFor();
  await page.getByRole("button", { name: "Daftarkan", exact: true }).click();
  const name = page.getByLabel("Nama lengkap");
  const marked = await name.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  expect(marked, "check-in: the API's error on the visitor's name is shown at the field");
  await accessible(page, "pendaftaran-galat");
  await shot(page, "desk-2-check-in-error");
  await name.fill("Rahmat Hidayat");
  await page.getByLabel("Instansi atau perusahaan").fill("CV Maju Jaya");
  await page.getByLabel("Nomor telepon").fill("081234567890");
  await page.getByRole("combobox", { name: "Keperluan" }).click();
  await page.getByRole("option", { name: "Pengaduan" }).click();
  await page.getByLabel("Uraian keperluan").fill("Menanyakan tindak lanjut pengaduan izin usaha yang tertunda.");
  await page.getByRole("button", { name: "Daftarkan", exact: true }).click();
  await page.getByText(/Tamu terdaftar dengan nomor antrean/).waitFor();
  const ticket = (await page.getByTestId("ticket").textContent()).trim();
  expect(ticket === "1", `check-in: the office's first ticket today is 1 (${ticket})`);
  const slip = await downloaded(page, kit, () => page.getByRole("button", { name: "Unduh: Tanda terima pendaftaran (PDF)" }).click(), "desk-slip.pdf");
  expect(slip.head === "%PDF-" && slip.name.startsWith("tanda-terima-"), `check-in: the slip is the API's PDF (${slip.name})`);
  await accessible(page, "pendaftaran-selesai");
  await shot(page, "desk-3-checked-in");

  // The queue, in a second tab (signed in on its own: a tab keeps its own session).
  const screen = await context.newPage();
  watchOrigins(screen, "desk screen");
  await screen.goto(`${BASE}/meja-layanan`);
  await signIn(screen, BASE, username, PASSWORD, "Antrean meja layanan");
  const row = screen.locator(`tr[data-ticket="${ticket}"]`);
  await row.waitFor();
  expect((await row.textContent()).includes("Menunggu"), "queue: the visitor waits, labelled from the catalogue");
  await screen.getByRole("status").filter({ hasText: "Diperbarui langsung" }).waitFor();

  // The home page counts the visitor waiting, and its queue opens the desk's.
  await page.getByRole("link", { name: "Beranda" }).click();
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  const waiting = page.locator('[data-queue="desk"] [data-count]');
  await waiting.waitFor();
  expect((await waiting.getAttribute("data-count")) === "1", "home: one visitor waits at the desk");
  await accessible(page, "beranda-meja");
  await page.locator('[data-queue="desk"] a').click();
  await page.getByRole("heading", { name: "Antrean meja layanan" }).waitFor();
  await page.locator(`tr[data-ticket="${ticket}"]`).waitFor();
  await shot(page, "desk-4-queue");
  await page.getByRole("button", { name: "Panggil tamu berikutnya" }).click();
  await page.getByRole("heading", { name: `Layanan nomor antrean ${ticket}` }).waitFor();
  const status = async () => (await page.getByTestId("visit-status").textContent()).trim();
  expect((await status()) === "Dipanggil", `serve: called (${await status()})`);
  expect((await page.content()).includes("Rahmat Hidayat"), "serve: the desk officer sees the visitor in full");
  // The other tab hears of it from the stream, without a reload.
  const called = await screen.locator(`tr[data-ticket="${ticket}"][data-status="assigned"]`).waitFor({ timeout: 10_000 }).then(() => true, () => false);
  expect(called, "queue: the call reaches the other tab live");
  await accessible(page, "layanan-dipanggil");
  await shot(page, "desk-5-called");

  await page.getByRole("button", { name: "Mulai layanan" }).click();
  await page.locator('[data-clock="running"]').waitFor();
  expect((await status()) === "Sedang dilayani", `serve: in service (${await status()})`);
  const running = screen.locator(`tr[data-ticket="${ticket}"][data-status="in_service"] [data-clock="running"]`);
  expect(await running.waitFor({ timeout: 10_000 }).then(() => true, () => false), "queue: the clock runs in the other tab");
  await page.waitForTimeout(2200);
  const seconds = Number(await page.locator("[data-clock]").getAttribute("data-seconds"));
  expect(seconds >= 2, `serve: the clock ticks (${seconds} s)`);
  await shot(screen, "desk-6-queue-live");
  await accessible(screen, "antrean-langsung");

  await page.getByRole("button", { name: "Jeda" }).click();
  await page.locator('[data-clock="stopped"]').waitFor();
  expect((await status()) === "Dijeda", `serve: paused (${await status()})`);
  await page.getByRole("button", { name: "Lanjutkan" }).click();
  await page.locator('[data-clock="running"]').waitFor();

  // The end needs its outcome: the API says so at the field.
  await page.getByRole("button", { name: "Simpan dan akhiri layanan" }).click();
  const outcome = page.getByLabel("Hasil layanan");
  const outcomeMarked = await outcome.and(page.locator('[aria-invalid="true"]')).waitFor({ timeout: 15_000 }).then(() => true, () => false);
  expect(outcomeMarked, "end: the missing outcome is shown at its field");
  await outcome.fill("Dijelaskan alur pengaduan; tamu akan melengkapi dokumen izin.");
  await page.getByRole("button", { name: "Simpan dan akhiri layanan" }).click();
  await page.getByRole("heading", { name: "Penilaian oleh tamu" }).waitFor();
  expect((await status()) === "Selesai, menunggu penilaian", `end: ended (${await status()})`);

  // The visitor scores and signs with a finger (pointer events from the mouse here).
  await page.getByRole("radio", { name: "5 – Sangat baik" }).check();
  await page.getByLabel("Saran atau komentar").fill("Petugas ramah dan jelas.");
  const pad = await page.getByTestId("signature-pad").boundingBox();
  await page.mouse.move(pad.x + 40, pad.y + pad.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 12; i += 1) {
    await page.mouse.move(pad.x + 40 + i * 30, pad.y + pad.height * (0.55 - 0.3 * Math.sin(i / 2)));
  }
  await page.mouse.up();
  await accessible(page, "layanan-penilaian");
  await shot(page, "desk-7-rating");
  await page.getByRole("button", { name: "Kirim penilaian" }).click();
  await page.getByTestId("visit-rating").waitFor();
  expect((await status()) === "Selesai dan dinilai", `rating: completed (${await status()})`);
  expect((await page.content()).includes("Sudah ditandatangani"), "rating: the signature was taken");

  const form = await downloaded(page, kit, () => page.getByRole("button", { name: "Unduh: Formulir layanan akhir (PDF)" }).click(), "desk-form.pdf");
  expect(form.head === "%PDF-" && form.name.startsWith("formulir-layanan-"), `form: the final form is the API's PDF (${form.name})`);
  // "Cetak" opens the same PDF in a tab of its own, for the browser's print.
  const [printed] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Cetak: Formulir layanan akhir (PDF)" }).click()]);
  await printed.waitForLoadState("commit").catch(() => undefined);
  expect(printed.url().startsWith("blob:"), `form: printing opens the PDF in a new tab (${printed.url()})`);
  await printed.close();
  await accessible(page, "layanan-selesai");
  await shot(page, "desk-8-completed");
  // The finished visit has left the queue.
  const left = await screen.locator(`tr[data-ticket="${ticket}"]`).waitFor({ state: "detached", timeout: 10_000 }).then(() => true, () => false);
  expect(left, "queue: the finished visit leaves the live queue");
  await context.close();
}

// A desk supervisor checks the next visitor in and hands them to the officer by name.
export async function supervisorAssigns(browser, kit, supervisor, officer) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "desk supervisor");
  await page.goto(`${BASE}/meja-layanan/daftar`);
  await signIn(page, BASE, supervisor, PASSWORD, "Pendaftaran tamu");
  await page.getByLabel("Nama lengkap").fill("Siti Rahma");
  await page.getByLabel("Uraian keperluan").fill("Konsultasi syarat pengaduan pelayanan air bersih.");
  await page.getByRole("button", { name: "Daftarkan", exact: true }).click();
  const ticket = (await page.getByTestId("ticket").textContent()).trim();
  await page.getByRole("link", { name: "Kembali ke antrean" }).click();
  await page.getByRole("link", { name: `Layani ${ticket}` }).click();
  await page.getByRole("heading", { name: `Layanan nomor antrean ${ticket}` }).waitFor();
  expect((await page.getByRole("button", { name: "Ambil tamu ini" }).count()) === 0, "assign: a supervisor is not offered the officers' pick-up");
  await page.getByLabel("Nama pengguna petugas").fill(officer);
  await page.getByRole("button", { name: "Tugaskan", exact: true }).click();
  await page.getByText(`Petugas: ${officer}`).waitFor();
  const status = (await page.getByTestId("visit-status").textContent()).trim();
  expect(status === "Dipanggil", `assign: the visit is assigned (${status})`);
  await accessible(page, "layanan-penugasan");
  await shot(page, "desk-9-assigned");
  await context.close();
}
