// Files from the API (PDFs, CSV, XLSX), fetched with the user's token and handed to the
// browser: saved under the name the API gives, or opened in a new tab to print.
import { session } from "../auth/session";
import { filenameFrom } from "../lib/files";

export interface Fetched {
  blob: Blob;
  name: string;
}

export async function fetchFile(path: string, accept: string, fallback: string): Promise<Fetched> {
  const get = () =>
    fetch(path, { headers: { Accept: accept, Authorization: `Bearer ${session.accessToken() ?? ""}` }, cache: "no-store" });
  let response = await get();
  if (response.status === 401 && (await session.renew())) response = await get();
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return { blob: await response.blob(), name: filenameFrom(response.headers.get("Content-Disposition"), fallback) };
}

// Saved as a download (the link is made, clicked and let go at once).
export function save({ blob, name }: Fetched): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Opened in a new tab, where the browser's PDF viewer prints it. Not `noopener`: a
// browser may refuse a blob: address in a tab cut off from the page that made it.
export function openToPrint({ blob }: Fetched): void {
  const url = URL.createObjectURL(blob);
  window.open(url, "_blank");
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
