// The prevention unit's write screens in the browser (journey `publications`): an
// officer writes a press release and submits it, is not offered the approval (not
// theirs); the head approves; the officer publishes it and sees its number, which anyone
// then reads on the public page (no login); the officer logs a social media post and
// reads its figures again; nominates a village, starts its mentoring and opens the
// village instrument in the assessment engine; the head decides a verified village and
// downloads its letter. Run by run.mjs with APIK_PUBLICATIONS_USER, _HEAD and _VILLAGE
// (tests/e2e/webapp_data.py: an office of their own).

import { csvLines, downloaded } from "./desk.mjs";

const NUMBER = /^001\/HM\.01\/(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\/\d{4}$/;

async function signIn(page, BASE, username, PASSWORD) {
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
}

async function staffPage(browser, kit, username, label) {
  const options = { locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true };
  const context = await browser.newContext(options);
  const page = await context.newPage();
  kit.watchOrigins(page, label);
  await signIn(page, kit.BASE, username, kit.PASSWORD);
  return { context, page };
}

async function step(page, name) {
  await page.getByRole("group", { name: "Langkah berikutnya" }).getByRole("button", { name, exact: true }).click();
}

// The record's status chip once it shows `state` (the page reads the record again after
// a step), in words.
async function chip(page, state) {
  const shown = page.locator(`dl [data-state="${state}"]`).first();
  await shown.waitFor();
  return ((await shown.textContent()) ?? "").trim();
}

async function writesAndPublishes(browser, kit, officer, head, title) {
  const { BASE, expect, accessible, shot } = kit;
  const { context, page } = await staffPage(browser, kit, officer, "publications");
  await page.goto(`${BASE}/pencegahan?bagian=publikasi`);
  await page.getByRole("tab", { name: "Publikasi", selected: true }).waitFor();
  await page.getByRole("button", { name: "Tulis artikel" }).click();
  const form = page.getByRole("form", { name: "Artikel baru" });
  await form.getByLabel("Jenis").selectOption("press_release");
  await form.getByLabel("Judul").fill(title);
  await form.getByLabel("Ringkasan (opsional)").fill("Ombudsman membuka posko pengaduan layanan mudik.");
  // Nothing typed in the text: the API's problem lands at the field, nothing is made.
  await form.getByRole("button", { name: "Simpan draf" }).click();
  await form.getByText("Wajib diisi.").first().waitFor();
  expect(page.url().includes("bagian=publikasi"), "publications: a draft without its text is not made");
  await accessible(page, "pencegahan-publikasi-tulis");
  await shot(page, "publications-1-write");
  await form.getByLabel("Isi").fill("Ombudsman RI Perwakilan membuka posko pengaduan selama masa mudik.\nWarga dapat melapor melalui telepon dan WhatsApp.");
  await form.getByRole("button", { name: "Simpan draf" }).click();
  await page.getByRole("heading", { name: title }).waitFor();
  const address = page.url();
  expect(address.includes("/pencegahan/publikasi/") && (await chip(page, "draft")) === "Draf", "publications: the draft's page opens");
  await step(page, "Ajukan untuk ditelaah");
  await page.getByText("Status diperbarui.").waitFor();
  expect((await chip(page, "review")) === "Ditelaah", "publications: submitted for review");
  // Approving is the head's: the officer is not offered it (the API's `allowed_steps`
  // are the reader's own, issue 21), and nothing changes.
  const offered = await page.getByRole("group", { name: "Langkah berikutnya" }).getByRole("button").allTextContents();
  expect(!offered.includes("Setujui") && (await chip(page, "review")) === "Ditelaah", `publications: the officer is not offered the head's approval (${offered.join(", ")})`);
  await accessible(page, "pencegahan-artikel-ditelaah");
  await shot(page, "publications-2-review");

  const second = await staffPage(browser, kit, head, "publications head");
  await second.page.goto(address);
  await second.page.getByRole("heading", { name: title }).waitFor();
  await step(second.page, "Setujui");
  await second.page.getByText("Status diperbarui.").waitFor();
  const approved = await chip(second.page, "approved");
  const approvedBy = (await second.page.locator("dl").textContent()) ?? "";
  expect(approved === "Disetujui" && approvedBy.includes(head), "publications: the head approves");
  await accessible(second.page, "pencegahan-artikel-disetujui");
  await shot(second.page, "publications-3-approved");
  await second.context.close();

  await page.reload();
  await page.getByRole("heading", { name: title }).waitFor();
  await step(page, "Terbitkan");
  await page.getByText("Status diperbarui.").waitFor();
  const published = await chip(page, "published");
  const number = ((await page.getByTestId("article-number").textContent()) ?? "").trim();
  expect(NUMBER.test(number) && published === "Terbit", `publications: published with its number (${number})`);
  const history = (await page.getByTestId("history").textContent()) ?? "";
  expect(history.includes("Disetujui") && history.includes(head) && history.includes(number), "publications: the history says who and the number");
  await accessible(page, "pencegahan-artikel-terbit");
  await shot(page, "publications-4-published");
  // The list narrowed to published press releases, and its CSV: exactly those rows, the
  // number given on publication beside the title.
  await page.goto(`${BASE}/pencegahan?bagian=publikasi`);
  const filters = page.getByRole("search");
  await filters.getByLabel("Status", { exact: true }).selectOption("published");
  await filters.getByLabel("Jenis", { exact: true }).selectOption("press_release");
  await page.locator("[data-testid=articles] tbody tr", { hasText: title }).waitFor();
  // The filters are in the URL: a reload (or the link shared) shows the same list.
  const query = new URL(page.url()).searchParams;
  expect(query.get("status") === "published" && query.get("jenis") === "press_release", `publications: the filters in the URL (${page.url()})`);
  await page.reload();
  await page.locator("[data-testid=articles] tbody tr", { hasText: title }).waitFor();
  const kept = [await filters.getByLabel("Status", { exact: true }).inputValue(), await filters.getByLabel("Jenis", { exact: true }).inputValue()];
  expect(kept.join() === "published,press_release", `publications: the reloaded page keeps its filters (${kept})`);
  const listed = await page.locator("[data-testid=articles] tbody tr").count();
  const file = csvLines(await downloaded(page, kit, () => page.getByTestId("csv-download").click(), "publications.csv"));
  expect(file.bom && file.lines[0].startsWith("Judul,Jenis,Status,Nomor"), `publications: an Excel-friendly CSV (${file.lines[0]})`);
  expect(file.lines.length - 1 === listed, `publications: the CSV holds the ${listed} articles listed (${file.lines.length - 1})`);
  expect(file.lines.some((l) => l.includes(title) && l.includes(number) && l.includes("Siaran pers,Terbit")), "publications: the article in the CSV with its number");
  await accessible(page, "pencegahan-publikasi-daftar");
  await shot(page, "publications-4b-list");
  await context.close();
  return number;
}

async function publicReads(browser, kit, title, number) {
  const { BASE, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "public publications");
  await page.goto(`${BASE}/publikasi`);
  await page.getByRole("heading", { name: "Publikasi Ombudsman" }).waitFor();
  const card = page.locator("article").filter({ has: page.getByRole("heading", { name: title }) });
  await card.waitFor();
  const text = (await card.textContent()) ?? "";
  expect(text.includes(number) && text.includes("Siaran pers"), `public publications: the release and its number (${text.slice(0, 120)})`);
  expect(!page.url().includes("/masuk"), "public publications: no sign-in asked");
  expect((await context.cookies()).length === 0, "public publications: no cookie");
  await accessible(page, "publikasi");
  await shot(page, "publications-5-public");
  await context.close();
}

async function logsAPost(page, kit) {
  const { BASE, expect, accessible, shot } = kit;
  await page.goto(`${BASE}/pencegahan?bagian=media-sosial`);
  await page.getByText("Belum ada unggahan tercatat tahun ini.").waitFor();
  await page.getByRole("button", { name: "Catat unggahan" }).click();
  const form = page.getByRole("form", { name: "Unggahan baru" });
  await form.getByLabel("Tautan").fill(`https://www.instagram.com/p/uji${Date.now().toString(36)}/`);
  await form.getByLabel("Keterangan (opsional)").fill("Posko pengaduan mudik");
  await form.getByLabel("Jangkauan").fill("1.234");
  await form.getByLabel("Tayangan").fill("banyak");
  await form.getByLabel("Interaksi").fill("56");
  await form.getByRole("button", { name: "Simpan unggahan" }).click();
  await form.getByText("Isi bilangan bulat 0 atau lebih.").waitFor();
  await form.getByLabel("Tayangan").fill("2.500");
  await form.getByRole("button", { name: "Simpan unggahan" }).click();
  await form.getByText("Unggahan dicatat.").waitFor();
  const row = page.locator('[data-testid=platform-totals] tr[data-platform="instagram"] td');
  await row.first().waitFor();
  const cells = await row.allTextContents();
  expect(cells.join("|") === "1|1.234|2.500|56", `social media: the year's totals for Instagram (${cells})`);
  await accessible(page, "pencegahan-media-sosial");
  await shot(page, "publications-6-social-media");
  await page.getByRole("button", { name: /^Ubah angka/ }).click();
  const figures = page.getByRole("form", { name: /^Angka unggahan Instagram/ });
  await figures.getByLabel("Jangkauan").fill("2.000");
  await figures.getByRole("button", { name: "Simpan angka" }).click();
  await page.getByText("Angka diperbarui.").waitFor();
  await page.locator('[data-testid=platform-totals] tr[data-platform="instagram"] td', { hasText: "2.000" }).waitFor();
  expect(true, "social media: the figures read again (If-Match)");

  // A sheet with a wrong cell goes in not at all, the cell named by row and column;
  // corrected, it goes in.
  await page.getByRole("button", { name: "Impor lembar (CSV/XLSX)" }).click();
  const sheet = (reach) =>
    Buffer.from(`platform,tautan,tanggal,jangkauan,tayangan,interaksi\nfacebook,https://www.facebook.com/uji/${Date.now()},${new Date().getUTCFullYear()}-01-15,${reach},900,12\n`);
  const file = page.locator("#import-posts input[type=file]");
  await file.setInputFiles({ name: "unggahan.csv", mimeType: "text/csv", buffer: sheet("banyak") });
  await page.getByRole("button", { name: "Impor", exact: true }).click();
  const wrong = page.locator('[data-testid=sheet-problems] tr[data-row="2"][data-column="reach"]');
  await wrong.waitFor();
  expect(((await wrong.textContent()) ?? "").includes("Jangkauan"), "social media: the sheet's wrong cell by row and column");
  await accessible(page, "pencegahan-media-sosial-impor");
  await shot(page, "publications-6b-import-problems");
  await file.setInputFiles({ name: "unggahan.csv", mimeType: "text/csv", buffer: sheet("300") });
  await page.getByRole("button", { name: "Impor", exact: true }).click();
  await page.getByText("1 unggahan baru, 0 diperbarui.").waitFor();
  await page.locator('[data-testid=platform-totals] tr[data-platform="facebook"]').waitFor();
  expect(true, "social media: the corrected sheet imported");
}

async function nominatesAVillage(page, kit) {
  const { BASE, expect, accessible, shot } = kit;
  const name = `Desa Uji ${Date.now().toString(36)}`;
  await page.goto(`${BASE}/pencegahan?bagian=desa`);
  await page.getByRole("button", { name: "Usulkan desa" }).click();
  const form = page.getByRole("form", { name: "Usulan desa" });
  await form.getByLabel("Nama desa").fill(name);
  await form.getByLabel("Kecamatan").fill("Kecamatan Uji");
  await form.getByLabel("Kabupaten").fill("Kabupaten Uji");
  await form.getByLabel("Provinsi").fill("Sulawesi Selatan");
  await accessible(page, "pencegahan-desa-usul");
  await shot(page, "publications-7-nominate");
  await form.getByRole("button", { name: "Simpan usulan" }).click();
  await page.getByRole("heading", { name }).waitFor();
  expect((await chip(page, "nominated")) === "Diusulkan", "villages: nominated, its page opens");
  await step(page, "Mulai pendampingan");
  await page.getByText("Tahap diperbarui.").waitFor();
  const mentoring = page.locator('[data-testid=stages] tr[data-stage="mentoring"]');
  await mentoring.waitFor();
  expect((await chip(page, "mentoring")) === "Pendampingan" && ((await mentoring.textContent()) ?? "").includes(kit.officer), "villages: mentoring, with who and when");
  await page.getByRole("button", { name: "Buka instrumen" }).click();
  const link = page.getByRole("link", { name: "Buka isian instrumen" });
  await link.waitFor();
  await accessible(page, "pencegahan-desa");
  await shot(page, "publications-8-village");
  await link.click();
  await page.waitForURL(/\/pencegahan\/penilaian\//);
  await page.getByRole("heading", { name: new RegExp(name) }).waitFor();
  expect(true, "villages: the instrument opens in the assessment entry screen");
}

// The head decides the village the office verified (tests/e2e/webapp_data.py), with the
// letter's number, and downloads the decision letter.
async function headDecides(browser, kit, head, village) {
  const { BASE, expect, accessible, shot } = kit;
  const { context, page } = await staffPage(browser, kit, head, "villages head");
  await page.goto(`${BASE}/pencegahan?bagian=desa&tahun=2024`);
  await page.getByRole("link", { name: village }).click();
  await page.getByRole("heading", { name: village }).waitFor();
  expect((await chip(page, "office_verified")) === "Terverifikasi kantor perwakilan", "villages: the office verified it");
  const steps = page.getByRole("group", { name: "Langkah berikutnya" });
  await steps.getByRole("button", { name: "Tetapkan" }).click();
  await steps.getByText("Wajib diisi.").waitFor();
  await steps.getByLabel("Nomor surat keputusan").fill("12/DAM/XII/2026");
  await accessible(page, "pencegahan-desa-tetapkan");
  await shot(page, "publications-9-decide");
  await steps.getByRole("button", { name: "Tetapkan" }).click();
  await page.getByTestId("decree-number").waitFor();
  const number = (await page.getByTestId("decree-number").textContent()) ?? "";
  const decided = (await page.locator('[data-testid=stages] tr[data-stage="decided"]').textContent()) ?? "";
  expect(number === "12/DAM/XII/2026" && decided.includes(head), `villages: decided with its number by the head (${number})`);
  const letter = await downloaded(page, kit, () => page.getByRole("button", { name: "Unduh surat keputusan (PDF)" }).click(), "village-decision.pdf");
  expect(letter.head === "%PDF-" && letter.name.startsWith("keputusan-desa-"), `villages: the decision letter (${letter.name})`);
  await accessible(page, "pencegahan-desa-ditetapkan");
  await shot(page, "publications-10-decided");
  await context.close();
}

export async function publicationsJourneys(browser, kit, wanted) {
  const officer = process.env.APIK_PUBLICATIONS_USER;
  const head = process.env.APIK_PUBLICATIONS_HEAD;
  if (!wanted("publications") || !officer || !head || !kit.PASSWORD) return;
  const title = `Posko Pengaduan Mudik ${Date.now().toString(36)}`;
  const number = await writesAndPublishes(browser, kit, officer, head, title);
  await publicReads(browser, kit, title, number);
  const { context, page } = await staffPage(browser, kit, officer, "publications officer");
  await logsAPost(page, kit);
  await nominatesAVillage(page, { ...kit, officer });
  await context.close();
  if (process.env.APIK_PUBLICATIONS_VILLAGE) await headDecides(browser, kit, head, process.env.APIK_PUBLICATIONS_VILLAGE);
}
