// Typing into the app's date fields: each is a group named by its label with a box per
// part (day, month, year; hours and minutes for a time) in the office's order, as a user
// types 06/12/2026 whatever the browser's locale. `name` as getByRole takes it.

// "2026-12-06" or "2026-12-06T09:30" typed part by part; the calendar then closed.
export async function fillDate(scope, name, value) {
  const group = scope.getByRole("group", { name });
  const [date, time] = value.split("T");
  const [year, month, day] = date.split("-");
  const part = (label) => group.getByRole("spinbutton", { name: label, exact: true });
  await part("Tanggal").fill(day);
  await part("Bulan").fill(month);
  await part("Tahun").fill(year);
  if (time) {
    const [hours, minutes] = time.split(":");
    await part("Jam").fill(hours);
    await part("Menit").fill(minutes);
  }
  await part("Tahun").press("Escape");
}

// What a date field shows, as typed ("06/12/2026", "06/12/2026 09:30").
export async function dateShown(scope, name) {
  const parts = await scope.getByRole("group", { name }).getByRole("spinbutton").evaluateAll((boxes) => boxes.map((b) => b.value));
  const [day, month, year, hours, minutes] = parts;
  return `${day}/${month}/${year}${hours === undefined ? "" : ` ${hours}:${minutes}`}`;
}

// The calendar's today and an arrow key's first day are the office's, also in a browser
// whose own date is another: the browser in Pago Pago (UTC-11) at 20:00 UTC on 6 December
// 2026 says the 6th (09:00), the office's default zone (WIB, UTC+7) the 7th (03:00). The
// page's clock is set (Playwright's clock), so the two dates differ whenever this runs.
export async function calendarFollowsTheOffice(browser, kit) {
  const { BASE, expect, accessible, shot } = kit;
  const context = await browser.newContext({ locale: "en-US", timezoneId: "Pacific/Pago_Pago", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.clock.install({ time: new Date("2026-12-06T20:00:00Z") });
  await page.goto(`${BASE}/magang/daftar`);
  const browserToday = await page.evaluate(() => new Date().getDate());
  expect(browserToday === 6, `dates: the browser's own date is the 6th (${browserToday})`);
  const group = page.getByRole("group", { name: /^Mulai magang/ });
  const day = group.getByRole("spinbutton", { name: "Tanggal", exact: true });
  await day.click();
  const marked = page.locator("table button[data-today]");
  await marked.first().waitFor();
  const labels = await marked.evaluateAll((days) => days.map((d) => `${d.getAttribute("aria-label")}|${d.getAttribute("aria-current")}`));
  expect(labels.length === 1 && labels[0] === "7 Desember 2026|date", `dates: one today in the calendar, the office's (${labels.join(", ")})`);
  await shot(page, "dates-1-office-today");
  // The keyboard starts on the office's today too (Mantine's own start is day 1).
  await day.press("ArrowUp");
  const shown = await dateShown(page, /^Mulai magang/);
  expect(shown === "07/12/2026", `dates: an arrow key starts an empty field on the office's today (${shown})`);
  await day.press("ArrowUp");
  const stepped = await dateShown(page, /^Mulai magang/);
  expect(stepped === "08/12/2026", `dates: the next arrow steps from there (${stepped})`);
  // Checked with the calendar open, a day chosen in it: its arrows have names, its
  // weekend days are readable, its dropdown is inside the page's main landmark.
  const dropdown = page.locator("#isi table");
  expect((await dropdown.count()) === 1, "dates: the open calendar is inside the page's <main>");
  await accessible(page, "kalender-terbuka");
  await shot(page, "dates-2-calendar-open");
  // The next month by its arrow's name, then the year's months (another level, its own arrows).
  await page.getByRole("button", { name: "Bulan berikutnya" }).click();
  await page.getByRole("button", { name: "Januari 2027", exact: true }).click();
  await page.getByRole("button", { name: "Tahun berikutnya" }).waitFor();
  await accessible(page, "kalender-terbuka-tahun");
  await shot(page, "dates-3-calendar-year");
  await day.press("Escape");
  await accessible(page, "kalender-hari-ini-kantor");
  await context.close();
}
