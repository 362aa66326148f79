// A file the reporting API gives (the annual report's PDF, a table as CSV or XLSX),
// fetched with the user's token and saved under the API's name.
import { Button } from "@mantine/core";
import { useState } from "react";
import { fetchFile, save } from "../../api/files";

export const CSV = "text/csv";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function Download({
  path,
  accept,
  fallback,
  children,
  onFailed,
}: {
  path: string;
  accept: string;
  fallback: string;
  children: React.ReactNode;
  onFailed: () => void;
}): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  async function get() {
    setBusy(true);
    try {
      save(await fetchFile(path, accept, fallback));
    } catch {
      onFailed();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button variant="default" size="compact-sm" loading={busy} onClick={() => void get()}>
      {children}
    </Button>
  );
}
