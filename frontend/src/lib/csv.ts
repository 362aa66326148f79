import type { Locale } from "../i18n/messages";

// The address of a list's CSV: the same filters as the page (the URL's), without the
// page's own cursor and size, since the file holds every row the filters select; its
// headers in the screen's language (`lang`, which the API prefers to Accept-Language).
export function csvPath(path: string, query: Record<string, string | number | boolean | undefined>, locale: Locale = "id"): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || key === "cursor" || key === "limit" || key === "lang") continue;
    params.set(key, String(value));
  }
  params.set("format", "csv");
  params.set("lang", locale);
  return `${path}?${params.toString()}`;
}
