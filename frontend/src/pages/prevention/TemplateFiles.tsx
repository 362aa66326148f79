// Field work in a spreadsheet: the scheme version's template to download (one row per
// indicator and respondent type), and a filled one uploaded as entries for the
// reviewer, all or none; a wrong cell is listed by its row and column.
import { Alert, Button, FileInput, Group, List, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import { fetchFile, save } from "../../api/files";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import type { Assessment } from "./data";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function TemplateFiles({ assessment }: { assessment: Assessment }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [count, setCount] = useState(0);
  const w = useWrite({
    onSaved: () => {
      setFile(null);
      void queries.invalidateQueries({ queryKey: ["prevention", "entries", assessment.id] });
      void queries.invalidateQueries({ queryKey: ["prevention", "assessment", assessment.id] });
    },
    onConflict: () => undefined,
  });

  async function template() {
    setBusy(true);
    setFailed(false);
    try {
      const path = `/api/v1/prevention/schemes/${assessment.scheme_id}/template.xlsx`;
      save(await fetchFile(path, XLSX, `templat-${assessment.scheme_code}-v${assessment.scheme_version}.xlsx`));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  function upload() {
    if (!file) return;
    void w.send(async () => {
      const result = await api.POST("/api/v1/prevention/assessments/{assessment_id}/entries/import", {
        params: { path: { assessment_id: assessment.id } },
        body: file as unknown as string, // the bytes as they are, not JSON
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { "Content-Type": XLSX },
      });
      setCount(result.data?.length ?? 0);
      return result;
    });
  }

  const cells = Object.entries(w.errors.fields);
  return (
    <Section title={t("prev.sheet.title")} id="prev-sheet">
      <Text size="sm">{t("prev.sheet.hint")}</Text>
      <Group>
        <Button variant="default" loading={busy} onClick={() => void template()}>
          {t("prev.sheet.template")}
        </Button>
      </Group>
      {failed && (
        <Alert color="red" role="alert">
          {t("prev.sheet.templateFailed")}
        </Alert>
      )}
      <Stack gap="xs" maw={520}>
        <Saved when={w.saved} message={t("prev.sheet.imported", { count })} />
        <General message={w.errors.general} />
        {cells.length > 0 && (
          <List size="sm" data-testid="sheet-problems">
            {cells.map(([at, message]) => (
              <List.Item key={at}>
                {at.startsWith("rows.") ? `${t("prev.sheet.row")} ${at.slice(5).replace(".", ", ")}` : at}: {message}
              </List.Item>
            ))}
          </List>
        )}
        <FileInput label={t("prev.sheet.file")} accept={XLSX} value={file} onChange={setFile} clearable />
        <Group>
          <Button onClick={upload} disabled={!file} loading={w.busy}>
            {t("prev.sheet.upload")}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
