// A visit's printed forms, the API's PDFs: opened in a new tab to print, or saved.
import { Alert, Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { fetchFile, openToPrint, save } from "../../api/files";
import { useT } from "../../i18n/locale";

export function PrintButtons({ visitId, kind }: { visitId: string; kind: "slip" | "form" }): React.JSX.Element {
  const t = useT();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const title = t(kind === "slip" ? "visit.slip" : "visit.form");

  async function get(then: typeof save) {
    setBusy(true);
    setFailed(false);
    try {
      then(await fetchFile(`/api/v1/consultation/visits/${visitId}/${kind}.pdf`, "application/pdf", `${kind}.pdf`));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-print={kind}>
      <Group gap="sm">
        <Text fw={500}>{title}</Text>
        <Button size="compact-sm" onClick={() => void get(openToPrint)} loading={busy} aria-label={`${t("visit.print")}: ${title}`}>
          {t("visit.print")}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => void get(save)} loading={busy} aria-label={`${t("visit.download")}: ${title}`}>
          {t("visit.download")}
        </Button>
      </Group>
      {failed && (
        <Alert color="red" role="alert" mt="xs">
          {t("visit.downloadFailed")}
        </Alert>
      )}
    </div>
  );
}
