// The address of a list's CSV: the same filters as the page (the URL's), without the
// page's own cursor and size, since the file holds every row the filters select.
export function csvPath(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || key === "cursor" || key === "limit") continue;
    params.set(key, String(value));
  }
  params.set("format", "csv");
  return `${path}?${params.toString()}`;
}
