// What the case page's forms turn into request bodies, and how a write names the
// version it read: pure, so that Vitest checks them.

// The ETag of a case as the API sent it, or, when a proxy dropped the header, the one
// the API derives from the version (`"7"`): every write sends it as If-Match, and a
// newer version on the server answers 412 instead of being overwritten.
export function etagOf(header: string | null, version: number): string {
  return header && header.trim() !== "" ? header.trim() : `"${version}"`;
}

// One corrective action per non-empty line, as an examiner lists them in the LHP.
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

// A rupiah amount as typed at an office: "Rp 1.500.000", "1500000", "1.500.000,00".
// Dots group thousands in Indonesian; a comma starts the (dropped) sen. Null when it
// is not an amount, so the form says so at the field before anything is sent.
export function rupiah(text: string): number | null {
  const bare = text.replace(/^\s*rp\.?\s*/i, "").replace(/\s/g, "");
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(bare)) return null;
  const whole = bare.split(",")[0]!.replace(/\./g, "");
  return Number(whole);
}

export function formatRupiah(amount: number, locale = "id-ID"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "IDR", maximumFractionDigits: 0 }).format(amount);
}
