// "CSV of exactly what is filtered": the list's own API asked for every row its filters
// select (`format=csv`, all pages), saved as the file the API names. The API writes it
// for spreadsheets (UTF-8 with a BOM, moments in the office's zone), its headers and the
// names of codes in the language of the screen (`lang`, which the API prefers to the
// browser's Accept-Language: the screen's language is the one the user chose).
import { Button } from "@mantine/core";
import { useState } from "react";
import { fetchFile, save } from "../api/files";
import { useLocale, useT } from "../i18n/locale";
import { csvPath } from "../lib/csv";

export function CsvButton({ path, query, fallback }: { path: string; query: Record<string, string | number | boolean | undefined>; fallback: string }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      save(await fetchFile(csvPath(path, query, locale), "text/csv", fallback));
    } catch {
      setFailed(true);
    }
    setBusy(false);
  }
  return (
    <span>
      <Button variant="default" loading={busy} onClick={() => void download()} data-testid="csv-download">
        {t("csv.download")}
      </Button>
      {failed && (
        <span role="alert" style={{ marginLeft: 8 }}>
          {t("csv.failed")}
        </span>
      )}
    </span>
  );
}
