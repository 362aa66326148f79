// The prevention write screens in the browser (journey `prevention-write`): the
// prevention officer drafts an MoU, is refused activation without the signed document
// (the API's reason at the document field), uploads a signed PDF and activates it,
// records an activity, drafts a PKS under it; opens a clinic, registers a participant,
// ticks attendance, types scores (an out-of-range one refused at its row) and reads the
// N-gain, completes the clinic and downloads the certificate; adds an innovation to the
// register and edits it. axe on every page.
import { downloaded } from "./desk.mjs";
import { fillDate } from "./dates.mjs";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

async function signIn(page, BASE, username, PASSWORD) {
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
}

function today() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

function yearsFrom(day, years) {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}

async function draftAgreement(page, { kind, parent, title, number, parties, from, to }) {
  await page.getByRole("button", { name: "Buat MoU/PKS" }).click();
  const form = page.getByRole("form", { name: "Perjanjian baru" });
  await form.getByLabel("Jenis", { exact: true }).selectOption(kind);
  if (parent) await form.getByLabel("MoU induk").selectOption({ label: parent });
  await form.getByLabel("Nomor").fill(number);
  await form.getByLabel("Judul").fill(title);
  for (const [n, [name, partyKind]] of parties.entries()) {
    await form.getByLabel(`Nama pihak ${n + 1}`).fill(name);
    await form.getByLabel(`Jenis pihak ${n + 1}`).selectOption(partyKind);
  }
  await fillDate(form, /^Mulai berlaku/, from);
  await fillDate(form, /^Berakhir/, to);
  return form;
}

export async function officerWritesAgreements(browser, kit, username) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watchOrigins(page, "prevention write");
  await signIn(page, BASE, username, PASSWORD);
  const tag = Date.now().toString(36);
  const day = today();

  // An MoU drafted: its page opens with the steps a draft takes.
  await page.goto(`${BASE}/pencegahan?bagian=kerja-sama`);
  const mouTitle = `Nota Kesepahaman Pengawasan Pelayanan Publik ${tag}`;
  const mouNumber = `MoU/${tag}/2026`;
  const form = await draftAgreement(page, {
    kind: "mou",
    title: mouTitle,
    number: mouNumber,
    parties: [["Ombudsman RI Perwakilan Uji", "office"], ["Universitas Uji", "university"]],
    from: day,
    to: yearsFrom(day, 2),
  });
  await accessible(page, "pencegahan-mou-baru");
  await shot(page, "prevention-write-1-new-mou");
  await form.getByRole("button", { name: "Simpan draf" }).click();
  await page.getByRole("heading", { name: `MoU: ${mouTitle}` }).waitFor();
  expect((await page.locator("[data-testid=agreement-status] [data-state]").getAttribute("data-state")) === "draft", "prevention write: the MoU is a draft");

  // Activation without the signed document: the API's refusal at the document field,
  // worded by its problem type and its specific reason (the problem's code), both in
  // the user's language.
  await page.getByRole("button", { name: "Berlakukan perjanjian" }).click();
  const refusal = page.getByText("Kerja sama ini belum dapat diaktifkan. Unggah dulu dokumen yang sudah ditandatangani.");
  await refusal.waitFor();
  const fileError = await page.getByTestId("agreement-file").getAttribute("aria-invalid");
  expect(fileError === "true", `prevention write: the refusal is at the document field (${fileError})`);
  await accessible(page, "pencegahan-mou-ditolak");
  await shot(page, "prevention-write-2-refused");

  await page.locator("input[type=file]").setInputFiles({ name: "mou-ditandatangani.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Unggah dokumen" }).click();
  await page.getByTestId("agreement-document").waitFor();
  expect(((await page.getByTestId("agreement-document").textContent()) ?? "").includes("mou-ditandatangani.pdf"), "prevention write: the signed document is listed");
  await page.getByRole("button", { name: "Berlakukan perjanjian" }).click();
  await page.locator('[data-testid=agreement-status] [data-state="active"]').waitFor();
  const chip = (await page.getByTestId("agreement-status").textContent()) ?? "";
  expect(chip.includes("Berlaku, sisa"), `prevention write: in force, in words (${chip})`);

  const activity = page.getByRole("form", { name: "Catat kegiatan" });
  await activity.getByLabel("Jenis kegiatan").selectOption("seminar");
  await activity.getByLabel("Nama kegiatan").fill("Seminar pelayanan publik bersama mahasiswa");
  await activity.getByRole("button", { name: "Catat kegiatan" }).click();
  await page.getByTestId("agreement-activities").getByText("Seminar pelayanan publik bersama mahasiswa").waitFor();
  expect(await page.getByRole("heading", { name: "Perbarui sebagai versi baru" }).isVisible(), "prevention write: renewal offered once in force");
  await accessible(page, "pencegahan-mou-berlaku");
  await shot(page, "prevention-write-3-mou-active");

  // A PKS under the MoU now in force.
  await page.getByRole("link", { name: "Kembali ke daftar kerja sama" }).click();
  const pksTitle = `Perjanjian Kerja Sama Magang Mahasiswa ${tag}`;
  const pks = await draftAgreement(page, {
    kind: "pks",
    parent: `${mouNumber} — ${mouTitle}`,
    title: pksTitle,
    number: `PKS/${tag}/2026`,
    parties: [["Ombudsman RI Perwakilan Uji", "office"], ["Fakultas Hukum Universitas Uji", "university"]],
    from: day,
    to: yearsFrom(day, 1),
  });
  await pks.getByRole("button", { name: "Simpan draf" }).click();
  await page.getByRole("heading", { name: `PKS: ${pksTitle}` }).waitFor();
  expect(await page.getByRole("link", { name: "Buka MoU induk" }).isVisible(), "prevention write: the PKS links its MoU");
  await accessible(page, "pencegahan-pks");
  await shot(page, "prevention-write-4-pks");

  // A clinic: opened, a participant registered, attendance, scores, the N-gain.
  await page.goto(`${BASE}/pencegahan?bagian=klinik`);
  await page.getByRole("button", { name: "Buat klinik" }).click();
  const clinic = page.getByRole("form", { name: "Klinik baru" });
  const clinicTitle = `Klinik Pengelolaan Pengaduan Uji ${tag}`;
  await clinic.getByLabel("Nama klinik").fill(clinicTitle);
  await fillDate(clinic, /^Tanggal/, day);
  await clinic.getByLabel("Tempat").fill("Aula Kantor Bupati");
  await clinic.getByLabel("Instansi yang diundang (satu per baris)").fill("Dinas Kesehatan\nDinas Pendidikan");
  await accessible(page, "pencegahan-klinik-baru");
  await clinic.getByRole("button", { name: "Simpan klinik" }).click();
  await page.getByRole("heading", { name: clinicTitle }).waitFor();
  const register = page.getByRole("form", { name: "Daftarkan peserta" });
  await register.getByLabel("Nama peserta").fill("Siti Aminah");
  await register.getByLabel("Instansi").fill("Dinas Kesehatan");
  await register.getByRole("button", { name: "Daftarkan peserta" }).click();
  const row = page.locator("[data-testid=clinic-participants] tbody tr").first();
  await row.waitFor();
  expect(((await row.textContent()) ?? "").includes("Siti Aminah"), "prevention write: the officer sees the name the API returns");
  await page.getByLabel("Hadir: Siti Aminah").check();
  await page.getByRole("button", { name: "Simpan kehadiran" }).click();
  await page.getByText("Kehadiran disimpan.").waitFor();
  await page.getByLabel("Pra-tes Siti Aminah").fill("40");
  await page.getByLabel("Pasca-tes Siti Aminah").fill("150");
  await page.getByRole("button", { name: "Simpan nilai" }).click();
  const tooHigh = row.locator("[aria-invalid=true]");
  await tooHigh.waitFor();
  expect((await tooHigh.getAttribute("aria-label")) === "Pasca-tes Siti Aminah", "prevention write: the out-of-range score is refused at its row");
  // Said by the refusal's code (`less_than_equal`, its bound), in Bahasa Indonesia.
  await row.getByText("Paling besar 100.").waitFor();
  await accessible(page, "pencegahan-klinik-nilai-ditolak");
  await shot(page, "prevention-write-5-score-refused");
  await page.getByLabel("Pasca-tes Siti Aminah").fill("85");
  await page.getByRole("button", { name: "Simpan nilai" }).click();
  await page.getByText("Nilai disimpan; N-gain di bawah diperbarui.").waitFor();
  const gain = page.locator('[data-testid=gains] tr[data-category="high"]');
  await gain.waitFor();
  const gainText = (await gain.textContent()) ?? "";
  expect(gainText.includes("0,750") && gainText.includes("Tinggi"), `prevention write: the participant's N-gain (${gainText})`);
  await accessible(page, "pencegahan-klinik-kerja");
  await shot(page, "prevention-write-6-clinic");
  await page.getByRole("button", { name: "Selesaikan klinik" }).click();
  await page.getByText("Klinik selesai; sertifikat terbit bagi yang hadir.").waitFor();
  const certificate = await downloaded(page, kit, () => page.getByRole("button", { name: "Unduh sertifikat Siti Aminah" }).click(), "prevention-write-certificate.pdf");
  expect(certificate.head === "%PDF-" && certificate.name.startsWith("sertifikat-KLN-"), `prevention write: the attendee's certificate (${certificate.name})`);
  await accessible(page, "pencegahan-klinik-selesai");

  // An innovation added to the register, then edited.
  await page.goto(`${BASE}/pencegahan?bagian=inovasi`);
  await page.getByRole("button", { name: "Tambah inovasi" }).click();
  const innovation = page.getByRole("form", { name: "Inovasi baru" });
  const name = `Layanan Pengaduan Keliling ${tag}`;
  await innovation.getByLabel("Nama inovasi").fill(name);
  await innovation.getByLabel("Uraian").fill("Petugas menerima pengaduan langsung di kecamatan setiap bulan.");
  await innovation.getByLabel("Kategori").selectOption("complaint_handling");
  await accessible(page, "pencegahan-inovasi-baru");
  await innovation.getByRole("button", { name: "Simpan inovasi" }).click();
  const listed = page.locator(`[data-testid=innovations] tr[data-innovation="${name}"]`);
  await listed.waitFor();
  await listed.getByRole("button", { name: `Ubah ${name}` }).click();
  const edit = page.getByRole("form", { name: `Ubah ${name}` });
  await edit.getByLabel("Keadaan").selectOption("stopped");
  await edit.getByRole("button", { name: "Simpan perubahan" }).click();
  await edit.getByText("Perubahan disimpan.").waitFor();
  await listed.getByText("Dihentikan").waitFor();
  await accessible(page, "pencegahan-inovasi");
  await shot(page, "prevention-write-7-innovations");
  await context.close();
}

export async function preventionWriteJourneys(browser, kit, wanted) {
  const user = process.env.APIK_PREVENTION_USER;
  if (!wanted("prevention-write") || !user || !kit.PASSWORD) return;
  await officerWritesAgreements(browser, kit, user);
}
