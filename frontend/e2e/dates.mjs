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
