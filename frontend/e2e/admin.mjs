// The administrator in the browser: a national admin opens an office (in WITA), adds a
// user there with a role and an office admin beside them, and sees both listed;
// registers an API client and sees its secret once (the list never shows it again); adds
// a webhook subscription and uses the buttons its state allows (off, on, a new secret).
// The office admin then gives the user a guarded role (head): the screen says it waits
// for a second admin, and the national admin approves it in another window; the page
// still listing it declines it and is refused, the proposal's status said in words (in
// English too, switched with the refusal on screen), and the proposal leaves the list. A
// desk officer meets "not for your role" at /admin. axe checks every page on the way.

async function signIn(browser, kit, username, path = "/") {
  const { BASE, PASSWORD } = kit;
  const context = await browser.newContext({ locale: "id-ID", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${BASE}${path}`);
  await page.getByRole("heading", { name: "Masuk ke APIK" }).waitFor();
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  return { context, page };
}

async function addUser(page, kit, username, office, role) {
  await page.getByRole("textbox", { name: "Nama pengguna" }).fill(username);
  await page.getByRole("textbox", { name: "Nama lengkap" }).fill(`Pegawai ${username}`);
  await page.getByLabel("Kata sandi awal").fill(kit.PASSWORD);
  await page.getByRole("combobox", { name: "Kantor" }).selectOption(office);
  await page.getByRole("checkbox", { name: role, exact: true }).check();
  await page.getByRole("button", { name: "Tambah pengguna" }).click();
  await page.getByText(`Pengguna ${username} ditambahkan.`).waitFor();
}

export async function adminAdministers(browser, kit, nationalAdmin) {
  const { expect, accessible, shot, watchOrigins } = kit;
  const { context, page } = await signIn(browser, kit, nationalAdmin);
  watchOrigins(page, "admin");
  await page.getByRole("heading", { name: "Antrean saya" }).waitFor();
  await page.getByRole("link", { name: "Administrasi" }).click();
  await page.getByRole("heading", { name: "Administrasi", level: 1 }).waitFor();

  // An office, in WITA.
  const tag = Math.random().toString(36).slice(2, 8);
  const code = `ADM${tag.toUpperCase()}`;
  await page.getByRole("tab", { name: "Kantor" }).click();
  expect(new URL(page.url()).searchParams.get("bagian") === "offices", `admin: the tab is in the URL (${page.url()})`);
  await page.getByRole("textbox", { name: "Kode kantor" }).fill(code);
  await page.getByRole("textbox", { name: "Nama kantor" }).fill(`Perwakilan Uji ${code}`);
  await page.getByRole("combobox", { name: "Zona waktu" }).selectOption("Asia/Makassar");
  await page.getByRole("button", { name: "Buka kantor" }).click();
  await page.getByText(`Kantor Perwakilan Uji ${code} dibuka.`).waitFor();
  const officeRow = page.locator(`tr[data-office="${code}"]`);
  await officeRow.waitFor();
  expect((await officeRow.textContent()).includes("WITA"), "admin: the new office is listed in its zone");
  await accessible(page, "admin-kantor");
  await shot(page, "admin-1-offices");

  // A user with a role, and an office admin, both in the new office.
  await page.getByRole("tab", { name: "Pengguna" }).click();
  const user = `uji${tag}`;
  const officeAdmin = `admkantor${tag}`;
  await addUser(page, kit, user, code, "Pemeriksa");
  await addUser(page, kit, officeAdmin, code, "Admin *");
  const userRow = page.locator(`tr[data-username="${user}"]`);
  await userRow.waitFor();
  expect((await userRow.textContent()).includes("Pemeriksa") && (await userRow.textContent()).includes(code), "admin: the new user is listed with their role and office");
  await page.locator(`tr[data-username="${officeAdmin}"]`).waitFor();
  await accessible(page, "admin-pengguna");
  await shot(page, "admin-2-users");

  // An API client: its secret shown once, in a dialog; the list never shows it.
  await page.getByRole("tab", { name: "Klien API" }).click();
  const system = `SIMPEG Uji ${tag}`;
  await page.getByRole("textbox", { name: "Nama sistem" }).fill(system);
  await page.getByRole("checkbox", { name: "Analis", exact: true }).check();
  await page.getByRole("button", { name: "Daftarkan klien API" }).click();
  const dialog = page.getByRole("dialog", { name: `Rahasia untuk ${system}` });
  await dialog.waitFor();
  const secret = (await dialog.getByTestId("secret").textContent()).trim();
  expect(secret.length >= 20, `admin: the client's secret is shown (${secret.length} characters)`);
  await dialog.getByText("hanya ditampilkan sekali").waitFor();
  await accessible(page, "admin-klien-rahasia");
  await shot(page, "admin-3-client-secret");
  await dialog.getByRole("button", { name: "Sudah saya simpan" }).click();
  await dialog.waitFor({ state: "hidden" });
  const clientRow = page.locator(`tr[data-client="${system}"]`);
  await clientRow.waitFor();
  expect(!(await page.locator("main").textContent()).includes(secret), "admin: the secret is not shown again");
  // Switched off, the list says so.
  await clientRow.getByRole("button", { name: `Nonaktifkan: ${system}` }).click();
  await clientRow.getByRole("button", { name: `Aktifkan: ${system}`, exact: true }).waitFor();
  expect((await clientRow.textContent()).includes("Nonaktif"), "admin: the client is switched off");
  await accessible(page, "admin-klien");
  await shot(page, "admin-4-clients");

  // The office's webhook subscriptions (none yet), with the form to add one.
  await page.getByRole("tab", { name: "Langganan webhook" }).click();
  await page.getByRole("button", { name: "Tambah langganan" }).waitFor();
  await page.getByText("Belum ada data.").waitFor();
  await accessible(page, "admin-webhook");
  await shot(page, "admin-5-webhooks");
  await webhookButtons(page, kit, tag);

  // The office admin gives the user a guarded role: it waits for a second admin.
  const second = await signIn(browser, kit, officeAdmin, "/admin?bagian=users");
  await second.page.locator(`tr[data-username="${user}"]`).waitFor();
  await second.page.getByRole("button", { name: `Ubah peran ${user}` }).click();
  const editor = second.page.getByRole("dialog", { name: `Ubah peran ${user}` });
  await editor.getByRole("checkbox", { name: "Kepala kantor *", exact: true }).check();
  await editor.getByRole("button", { name: "Simpan peran" }).click();
  await second.page.getByText(`Peran ${user} menunggu persetujuan admin kedua.`).waitFor();
  const proposal = second.page.getByTestId("proposals").locator("tr", { hasText: code });
  await proposal.waitFor();
  expect((await proposal.textContent()).includes("Kepala kantor"), "admin: the pending proposal is listed");
  expect(!(await second.page.locator(`tr[data-username="${user}"]`).textContent()).includes("Kepala kantor"), "admin: the role is not given before the approval");
  await accessible(second.page, "admin-usulan");
  await shot(second.page, "admin-6-proposal-pending");
  await second.context.close();

  // The national admin approves: the user holds the role.
  await page.getByRole("tab", { name: "Pengguna" }).click();
  await page.reload();
  await page.getByRole("button", { name: new RegExp(`^Setujui: `) }).first().waitFor();
  await staleProposalRefused(browser, kit, page, { nationalAdmin, user, code });
  await page.reload();
  await page.locator(`tr[data-username="${user}"]`, { hasText: "Kepala kantor" }).waitFor();
  await shot(page, "admin-7-approved");
  await context.close();
}

// A refusal of a step in the status the record is in, seen through a stale page: the
// proposal is approved in another window while this page still lists it as pending; its
// "Tolak" is refused, in words: the type, the reason and the proposal's status in Bahasa
// Indonesia (the API's `labels`), never the status's code; the list is read again, so
// the proposal leaves it; a switch to English rewords the whole refusal at once.
async function staleProposalRefused(browser, kit, page, { nationalAdmin, user, code }) {
  const { expect, accessible, shot } = kit;
  const other = await signIn(browser, kit, nationalAdmin, "/admin?bagian=users");
  await other.page.getByTestId("proposals").locator("tr", { hasText: code }).getByRole("button", { name: /^Setujui/ }).click();
  await other.page.locator(`tr[data-username="${user}"]`, { hasText: "Kepala kantor" }).waitFor();
  await other.context.close();

  const stale = page.getByTestId("proposals").locator("tr", { hasText: code });
  expect((await stale.count()) === 1, "admin: the stale page still lists the approved proposal");
  await stale.getByRole("button", { name: `Tolak: ${user}` }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Usulan sudah diputus" });
  await refusal.waitFor();
  const said = (await refusal.textContent()).trim();
  expect(said.includes("Usulan ini sudah berstatus “Disetujui dan diterapkan”."), `admin: the refusal names the proposal's status in words (${said})`);
  expect(!/\b(applied|pending|declined)\b|proposal_decided|stale-proposal/.test(said), `admin: the refusal shows no code (${said})`);
  // The refusal has the list read again: the decided proposal leaves it.
  await stale.waitFor({ state: "detached" });
  expect((await stale.count()) === 0, "admin: the refused decision's proposal left the list");
  await accessible(page, "admin-usulan-basi");
  await shot(page, "admin-6b-proposal-stale-refused");
  // Switched to English with the refusal on screen: all of it in English at once, the
  // status too (the API's `labels_by_language`), with no request sent again.
  await kit.switchLanguage(page, "en");
  const english = (await page.getByRole("alert").filter({ hasText: "The proposal is decided" }).textContent()).trim();
  expect(english.includes("The proposal is “Approved and applied” already."), `admin: the refusal's status follows the switch (${english})`);
  expect(!/Usulan|sudah|Disetujui|diterapkan/.test(english), `admin: no Indonesian left in the refusal (${english})`);
  await shot(page, "admin-6c-proposal-stale-refused-en");
  await kit.switchLanguage(page, "id");
}

// A subscription added (its secret shown once), then each button the API allows on it
// (`allowed_actions`): switched off, on again, a new secret; the row says the state
// after each, and shows only the buttons that state allows. The address is a public one
// (no DNS needed) and the event one this journey never causes: nothing is sent.
async function webhookButtons(page, kit, tag) {
  const { expect, accessible, shot } = kit;
  const system = `SIMPEG Hook ${tag}`;
  await page.getByRole("textbox", { name: "Sistem penerima" }).fill(system);
  await page.getByRole("textbox", { name: "Alamat endpoint (https)" }).fill("https://103.10.20.30/hook");
  await page.getByRole("textbox", { name: "Jenis peristiwa" }).fill("case.closed");
  await page.getByRole("button", { name: "Tambah langganan" }).click();
  const secretOf = async () => {
    const dialog = page.getByRole("dialog", { name: `Rahasia untuk ${system}` });
    await dialog.waitFor();
    const secret = (await dialog.getByTestId("secret").textContent()).trim();
    await dialog.getByRole("button", { name: "Sudah saya simpan" }).click();
    await dialog.waitFor({ state: "hidden" });
    return secret;
  };
  const first = await secretOf();
  expect(first.length >= 20, `admin: the subscription's secret is shown (${first.length} characters)`);
  const row = page.getByTestId("webhook-list").locator("tr", { hasText: system });
  // Exact names: "Aktifkan: …" is also a part of "Nonaktifkan: …".
  const button = (name) => row.getByRole("button", { name: `${name}: ${system}`, exact: true });
  const state = async () => (await row.locator("td").nth(3).textContent()).trim();
  const buttons = async () => (await row.getByRole("button").allTextContents()).join(", ");
  await button("Nonaktifkan").waitFor();
  expect((await state()) === "Aktif" && (await buttons()) === "Nonaktifkan, Ganti rahasia", `admin: a new subscription is active, with its buttons (${await state()}; ${await buttons()})`);
  expect(!(await page.locator("main").textContent()).includes(first), "admin: the subscription's secret is not shown again");

  await button("Nonaktifkan").click();
  await button("Aktifkan").waitFor();
  expect((await state()).startsWith("Nonaktif") && (await buttons()) === "Aktifkan, Ganti rahasia", `admin: switched off, it offers to switch on (${await state()}; ${await buttons()})`);
  await accessible(page, "admin-webhook-off");
  await shot(page, "admin-5b-webhook-off");

  await button("Aktifkan").click();
  await button("Nonaktifkan").waitFor();
  expect((await state()) === "Aktif" && (await buttons()) === "Nonaktifkan, Ganti rahasia", `admin: switched on again (${await state()}; ${await buttons()})`);

  await button("Ganti rahasia").click();
  const second = await secretOf();
  expect(second.length >= 20 && second !== first, "admin: a new secret, shown once");
  expect((await state()) === "Aktif", `admin: a new secret leaves the subscription active (${await state()})`);
  await accessible(page, "admin-webhook-on");
  await shot(page, "admin-5c-webhook-rotated");
}

export async function otherRoleMeetsNotForRole(browser, kit, username) {
  const { expect, accessible, shot } = kit;
  const { context, page } = await signIn(browser, kit, username, "/admin");
  await page.getByTestId("not-for-role").waitFor();
  expect((await page.getByRole("link", { name: "Administrasi" }).count()) === 0, "admin: no menu for another role");
  expect((await page.getByRole("tab").count()) === 0, "admin: another role sees no tab");
  await accessible(page, "admin-peran-lain");
  await shot(page, "admin-8-not-for-role");
  await context.close();
}
