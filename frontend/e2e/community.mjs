// The Sahabat Ombudsman in the browser: the prevention officer records a member in their
// office's group and inducts them (the status chip says "Aktif" in words and an icon),
// records a data subject's request and sees its deadline; the national administrator
// makes the member's account (`sahabat-<member id>`), and the member signs in, lands on
// their own screen with nothing else in the menu, files a report for a citizen (a
// missing summary answered at its field first) and finds it in their list.
// Journey name: `community` (APIK_JOURNEYS=community); it needs APIK_COMMUNITY_OFFICER,
// APIK_COMMUNITY_OFFICE and APIK_ADMIN_USER (same password), made by test_webapp.py.

async function signIn(page, BASE, username, PASSWORD) {
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
}

async function token(BASE, username, PASSWORD) {
  const answer = await fetch(`${BASE}/api/v1/auth/token`, {
    method: "POST",
    body: new URLSearchParams({ username, password: PASSWORD }),
  });
  return (await answer.json()).access_token;
}

async function officerInducts(browser, kit, officer, memberName) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "community");
  await signIn(page, BASE, officer, PASSWORD);
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  const overdue = page.locator('[data-queue="prev-subject-overdue"] [data-count]');
  await overdue.waitFor();
  expect((await overdue.getAttribute("data-count")) === "0", "community: the home page counts overdue subject requests (none)");

  await page.goto(`${BASE}/pencegahan?bagian=komunitas`);
  await page.getByTestId("community-groups").waitFor();
  await accessible(page, "pencegahan-komunitas-kosong");
  const form = page.getByRole("form", { name: "Catat anggota" });
  await form.getByRole("combobox", { name: "Kelompok" }).click();
  await page.getByRole("option", { name: "Sahabat Ombudsman Kota Bengkulu" }).click();
  // Required fields' names end with the asterisk Mantine adds.
  await form.getByRole("textbox", { name: /^Nama/ }).fill(memberName);
  await form.getByRole("textbox", { name: "Telepon" }).fill("0812-7300-4455");
  await form.getByRole("button", { name: "Catat anggota" }).click();
  const row = page.locator("tr[data-member]", { hasText: memberName });
  await row.waitFor();
  expect((await row.locator("[data-state]").getAttribute("data-state")) === "candidate", "community: recorded as a candidate");
  await row.getByRole("button", { name: `Kukuhkan: ${memberName}` }).click();
  await row.locator('[data-state="active"]').waitFor();
  const chip = (await row.locator("[data-state]").textContent()) ?? "";
  expect(chip.includes("Aktif") && (await row.locator("[data-state] svg").count()) === 1, `community: inducted, said in words with an icon (${chip})`);
  const memberId = await row.getAttribute("data-member");
  await accessible(page, "pencegahan-komunitas");
  await shot(page, "community-1-members");

  // A data subject's request: due 3 x 24 hours later, within its deadline.
  await page.getByRole("tab", { name: "Permintaan subjek data" }).click();
  const record = page.getByRole("form", { name: "Catat permintaan" });
  await record.waitFor();
  await record.getByRole("combobox", { name: "Anggota" }).click();
  await page.getByRole("option", { name: memberName }).click();
  await record.getByLabel("Isi permintaan").fill("Meminta salinan data pribadi yang disimpan.");
  await record.getByRole("button", { name: "Catat permintaan" }).click();
  const request = page.getByTestId("subject-requests").locator("tr", { hasText: memberName });
  await request.waitFor();
  expect((await request.locator("[data-state]").textContent())?.includes("Dalam tenggat"), "community: the request's deadline chip in words");
  await accessible(page, "pencegahan-permintaan-data");
  await shot(page, "community-2-subject-requests");
  await context.close();
  return memberId;
}

async function memberFiles(browser, kit, username) {
  const { BASE, PASSWORD, expect, accessible, shot, watchOrigins } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchOrigins(page, "community member");
  await signIn(page, BASE, username, PASSWORD);
  await page.getByRole("heading", { name: "Sahabat Ombudsman: laporkan untuk warga" }).waitFor();
  expect(new URL(page.url()).pathname === "/sahabat", "community: the member lands on their own screen");
  const links = await page.getByRole("navigation", { name: "Menu kerja" }).getByRole("link").allTextContents();
  expect(links.length === 1 && links[0] === "Laporan saya", `community: nothing else in the member's menu (${links.join(", ")})`);
  await page.getByText("Belum ada laporan.").waitFor();
  await accessible(page, "sahabat-kosong");

  const form = page.getByRole("form", { name: "Kirim laporan" });
  await form.getByRole("textbox", { name: /^Nama lengkap/ }).fill("Warga Dampingan");
  await form.getByLabel("Instansi terlapor").fill("Dinas Kependudukan Kota Bengkulu");
  // Sent without a summary: the API's answer is shown at the field.
  await form.getByRole("button", { name: "Kirim laporan" }).click();
  const summary = form.getByRole("textbox", { name: /^Ringkasan laporan/ });
  await page.getByRole("alert").first().waitFor();
  expect((await summary.getAttribute("aria-invalid")) === "true", "community: the missing summary is shown at its field");
  await summary.fill("KTP-el belum terbit setelah tiga bulan");
  await form.getByRole("textbox", { name: /^Kronologi/ }).fill("Perekaman Juli 2026; sampai kini KTP-el belum dicetak.");
  await form.getByRole("combobox", { name: /^Substansi/ }).click();
  await page.getByRole("option").first().click();
  // Intake learns of the induction by an event: a moment after it, the report goes in.
  let filed = "";
  let refused = "";
  for (let attempt = 0; attempt < 45 && !filed; attempt += 1) {
    await form.getByRole("button", { name: "Kirim laporan" }).click();
    const status = page.getByRole("status").filter({ hasText: "Laporan tercatat" });
    filed = (await status.waitFor({ timeout: 2000 }).then(() => status.textContent()).catch(() => "")) ?? "";
    if (!filed) refused = (await page.getByRole("alert").allTextContents()).join(" | ");
  }
  expect(filed.includes("Laporan tercatat dengan nomor"), `community: the member's report is recorded (${filed || refused})`);
  const number = /nomor (\S+?)\.?$/.exec(filed.trim())?.[1] ?? "";
  await page.getByTestId("own-reports").getByText(number).waitFor();
  await accessible(page, "sahabat-laporan");
  await shot(page, "community-3-member");
  await page.getByRole("button", { name: "English" }).click().catch(() => undefined);
  await page.getByRole("heading", { name: "Sahabat Ombudsman: report for a citizen" }).waitFor();
  await shot(page, "community-4-member-en");
  await context.close();
}

export async function communityJourneys(browser, kit, wanted) {
  const env = process.env;
  if (!wanted("community") || !env.APIK_COMMUNITY_OFFICER || !env.APIK_ADMIN_USER || !kit.PASSWORD) return;
  const memberName = `Intan Permatasari ${Date.now() % 100000}`;
  const memberId = await officerInducts(browser, kit, env.APIK_COMMUNITY_OFFICER, memberName);
  kit.expect(Boolean(memberId), "community: the member's id is on their row");
  const username = `sahabat-${memberId}`;
  const admin = await token(kit.BASE, env.APIK_ADMIN_USER, kit.PASSWORD);
  const made = await fetch(`${kit.BASE}/api/v1/auth/users`, {
    method: "POST",
    headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
    body: JSON.stringify({ username, password: kit.PASSWORD, full_name: memberName, office: env.APIK_COMMUNITY_OFFICE, roles: ["community_member"] }),
  });
  kit.expect(made.status === 201, `community: the member's account is made (${made.status} ${await made.text()})`);
  await memberFiles(browser, kit, username);
}
