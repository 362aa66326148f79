// The citizen's form on a phone (issue 21): the place picked from the decree's regions,
// the answers saved and resumed on another device with the code and PIN, a file refused
// at its field and another attached, the report sent with its file and its draft gone.
// `kit` holds run.mjs's helpers (expect, accessible, shot, …).

const PHONE = { width: 390, height: 844 };
const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(64)]);

// A searchable list (substance, province, regency) chosen as a keyboard user does: the
// name typed, the first option it leaves highlighted with the down arrow, taken with
// Enter. Not by a click: the list floats (a portal placed by floating-ui), above the
// field when the phone's screen has no room below it, and shrinks as the typing filters
// it, so where an option is depends on the moment; a click aimed at it was sometimes
// taken by what lay there an instant later ("intercepts pointer events"). The keys go
// to the field, which holds the focus throughout, and name the option they took
// (aria-activedescendant), wherever the list is drawn.
async function pick(page, label, typed, option) {
  const box = page.getByRole("combobox", { name: label });
  await box.fill(typed);
  await box.press("ArrowDown");
  const wanted = page.getByRole("option", { name: option, exact: true });
  await wanted.and(page.locator("[data-combobox-selected]")).waitFor();
  const highlighted = await box.getAttribute("aria-activedescendant");
  if (highlighted !== (await wanted.getAttribute("id"))) throw new Error(`${label}: the arrow highlighted another option than ${option}`);
  await box.press("Enter");
  await wanted.waitFor({ state: "hidden" });
  const chosen = await box.inputValue();
  if (chosen !== option) throw new Error(`${label}: ${chosen} chosen, not ${option}`);
}

// A step change moves the focus to the new step's heading (a screen-reader or keyboard
// user is not left on a button that is gone); the first load does not.
async function focusedOn(page, kit, name, after) {
  const heading = page.getByRole("heading", { name, exact: true });
  await heading.waitFor();
  // The focus moves in an effect just after the step is drawn: wait for it, briefly.
  const focused = await heading.evaluate(
    (h) =>
      new Promise((resolve) => {
        const until = Date.now() + 2000;
        const check = () => (document.activeElement === h ? resolve(true) : Date.now() > until ? resolve(false) : requestAnimationFrame(check));
        check();
      }),
  );
  kit.expect(focused, `publicform: after ${after} the focus is on the heading "${name}"`);
}

async function openResume(page, kit, code, pin) {
  await page.goto(`${kit.BASE}/lapor`);
  await page.getByRole("button", { name: "Sudah menyimpan isian? Buka dengan kode" }).click();
  await page.getByRole("heading", { name: "Lanjutkan laporan yang tersimpan" }).waitFor();
  await page.getByLabel("Kode lanjutan").fill(code);
  await page.getByLabel("PIN").fill(pin);
  await page.getByRole("button", { name: "Buka isian" }).click();
}

export async function citizenSavesAndResumes(browser, kit) {
  const { BASE, expect, accessible, shot, watchOrigins } = kit;
  // This run's citizen, on a network of their own (run.mjs): the wrong code and PIN below
  // count against them alone, never against an earlier run's.
  const network = kit.citizenNetwork();
  const first = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: PHONE, extraHTTPHeaders: network });
  const page = await first.newPage();
  watchOrigins(page, "publicform");
  const regionCalls = [];
  page.on("request", (r) => {
    if (r.url().includes("/public/regions")) regionCalls.push(r.url());
  });
  await page.goto(`${BASE}/lapor`);
  await page.getByRole("heading", { name: "Sampaikan laporan ke Ombudsman" }).waitFor();
  const onLoad = await page.evaluate(() => document.activeElement?.tagName);
  expect(onLoad === "BODY", `publicform: the first load leaves the focus alone (${onLoad})`);
  await page.getByLabel("Nama lengkap").fill("Rahmat Hidayat");
  await page.getByLabel("Nomor telepon").fill("0813 1111 2222");
  await page.getByRole("button", { name: "Lanjut", exact: true }).click();
  await focusedOn(page, kit, "Tentang laporan Anda", "Lanjut");
  await page.getByRole("button", { name: "Kembali" }).click();
  await focusedOn(page, kit, "Tentang Anda", "Kembali");
  expect((await page.getByLabel("Nama lengkap").inputValue()) === "Rahmat Hidayat", "publicform: the name kept going back");
  // By keyboard alone: from the heading, Tab reaches the name field; Enter sends the step.
  await page.keyboard.press("Tab");
  const tabbed = await page.evaluate(() => document.activeElement?.getAttribute("autocomplete"));
  expect(tabbed === "name", `publicform: Tab from the heading reaches the first field (${tabbed})`);
  await page.keyboard.press("Enter");
  await focusedOn(page, kit, "Tentang laporan Anda", "Enter");
  await page.getByLabel("Instansi terlapor").fill("Dinas Pekerjaan Umum Kota Bengkulu");
  await pick(page, "Substansi", "Kependudukan", "Administrasi Kependudukan");
  await page.getByLabel("Ringkasan laporan").fill("Izin bangunan tidak diproses tanpa uang pelicin");
  await page.getByLabel("Kronologi").fill("Berkas lengkap sejak Juni 2026; petugas meminta uang agar diproses.");
  // Regency first is not possible: it waits for the province.
  expect(await page.getByRole("combobox", { name: "Kabupaten/kota" }).isDisabled(), "publicform: regency waits for a province");
  await pick(page, "Provinsi", "beng", "Bengkulu");
  await pick(page, "Kabupaten/kota", "kota b", "Kota Bengkulu");
  await kit.settled(page);
  await accessible(page, "publicform-region");
  await shot(page, "publicform-1-region-phone");

  await page.getByRole("button", { name: "Simpan dan isi nanti" }).click();
  const code = (await page.getByTestId("resume-code").textContent()).trim();
  const pin = (await page.getByTestId("resume-pin").textContent()).trim();
  expect(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/.test(code) && /^[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(pin), `publicform: code and PIN shown (${code})`);
  await page.getByText(/Isian Anda tersimpan sampai .* WIB/).waitFor();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  expect(!stored.includes("Rahmat") && !stored.includes(code), "publicform: nothing of the form kept in the browser");
  await accessible(page, "publicform-saved");
  await shot(page, "publicform-2-saved-phone");
  await first.close();

  // Another device: a wrong PIN is refused without saying which part was wrong.
  const second = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: PHONE, extraHTTPHeaders: network });
  const other = await second.newPage();
  watchOrigins(other, "publicform-resume");
  await openResume(other, kit, code.toLowerCase(), "ZZZZ-ZZZZ");
  await other.getByText("Kode atau PIN tidak cocok, atau simpanan sudah kedaluwarsa.").waitFor();
  await accessible(other, "publicform-resume-wrong");
  await shot(other, "publicform-3-resume-wrong-phone");
  await other.getByLabel("PIN").fill(pin);
  await other.getByRole("button", { name: "Buka isian" }).click();
  await other.getByText("Isian Anda sudah dimuat kembali. Periksa dan lanjutkan.").waitFor();
  expect((await other.getByLabel("Nama lengkap").inputValue()) === "Rahmat Hidayat", "publicform: the name is back");
  await other.getByRole("button", { name: "Lanjut", exact: true }).click();
  const regency = await other.getByRole("combobox", { name: "Kabupaten/kota" }).inputValue();
  expect(regency === "Kota Bengkulu", `publicform: the regency is back (${regency})`);
  await other.getByRole("button", { name: "Lanjut", exact: true }).click();

  // Evidence: the limits in words; a file the server refuses is named at the field.
  await focusedOn(other, kit, "Bukti pendukung", "Lanjut");
  await other.getByText(/Paling banyak 5 berkas, masing-masing paling besar 10 megabyte/).waitFor();
  const input = other.locator('input[type="file"]');
  await input.setInputFiles({ name: "besar.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x41) });
  await other.getByText("besar.pdf terlalu besar.").waitFor();
  const choose = other.getByRole("button", { name: "Pilih berkas" });
  expect((await choose.getAttribute("aria-invalid")) === "true", "publicform: the file field marked invalid");
  await accessible(other, "publicform-file-too-large");
  await shot(other, "publicform-4-file-too-large-phone");
  await other.getByRole("button", { name: "Hapus besar.pdf" }).click();
  await input.setInputFiles({ name: "bukti.pdf", mimeType: "application/pdf", buffer: EXE });
  await other.getByRole("button", { name: "Lanjut", exact: true }).click();
  await focusedOn(other, kit, "Periksa kembali", "Lanjut");
  await other.getByRole("button", { name: "Kirim laporan" }).click();
  await other.getByText(/^bukti\.pdf tidak dapat diterima/).waitFor();
  await focusedOn(other, kit, "Bukti pendukung", "a refused file");
  expect(await other.getByRole("heading", { name: "Bukti pendukung" }).isVisible(), "publicform: a refused file sends back to its step");
  await accessible(other, "publicform-file-refused");
  await shot(other, "publicform-5-file-refused-phone");
  await other.getByRole("button", { name: "Hapus bukti.pdf" }).click();
  await input.setInputFiles({ name: "surat-permohonan.pdf", mimeType: "application/pdf", buffer: PDF });
  await other.getByRole("button", { name: "Lanjut", exact: true }).click();

  await other.getByRole("heading", { name: "Periksa kembali" }).waitFor();
  const where = await other.getByRole("row", { name: /Lokasi kejadian/ }).textContent();
  expect(where.includes("Kota Bengkulu, Bengkulu"), `publicform: the check names the place (${where})`);
  const files = await other.getByRole("row", { name: /Berkas bukti/ }).textContent();
  expect(files.includes("surat-permohonan.pdf"), `publicform: the check names the file (${files})`);
  await accessible(other, "publicform-check");
  await shot(other, "publicform-6-check-phone");
  await other.getByRole("button", { name: "Kirim laporan" }).click();
  await focusedOn(other, kit, "Laporan Anda sudah kami terima", "Kirim laporan");
  const number = (await other.getByTestId("registration-number").textContent()).trim();
  const trackingPin = (await other.getByTestId("tracking-pin").textContent()).trim();
  expect(number.length > 0 && trackingPin.length > 0, "publicform: receipt shows number and PIN");
  const received = await other.getByTestId("received-files").textContent();
  expect(received.includes("surat-permohonan.pdf"), `publicform: the receipt names the file received (${received})`);
  await accessible(other, "publicform-done");
  await shot(other, "publicform-7-receipt-phone");
  await second.close();

  // The draft went with the report: its code opens nothing now.
  const third = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, extraHTTPHeaders: network });
  const desk = await third.newPage();
  watchOrigins(desk, "publicform-desktop");
  await openResume(desk, kit, code, pin);
  await desk.getByText("Kode atau PIN tidak cocok, atau simpanan sudah kedaluwarsa.").waitFor();
  await desk.getByRole("button", { name: "Mulai laporan baru" }).click();
  await desk.getByLabel("Nama lengkap").fill("Rahmat Hidayat");
  await desk.getByRole("button", { name: "Lanjut", exact: true }).click();
  await desk.getByRole("heading", { name: "Tentang laporan Anda" }).waitFor();
  await pick(desk, "Provinsi", "papua barat d", "Papua Barat Daya");
  await kit.settled(desk);
  await accessible(desk, "publicform-desktop");
  await shot(desk, "publicform-8-region-desktop");
  await third.close();
  expect(regionCalls.length === 1, `publicform: the regions come in one request (${regionCalls.length})`);
  return number;
}
