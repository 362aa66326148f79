// The board's bulk action: assign (or reassign) the chosen cases to one examiner of the
// office's roster. Each case is one call with the version the board read (If-Match);
// the preview refuses what the API's `allowed_actions` leave out and the cases already
// with that examiner.
import { Button, Group, Select } from "@mantine/core";
import { useState } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import type { Bulk } from "../../components/useBulk";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { runAll, type Check } from "../../lib/bulk";
import { refusal } from "../../lib/intern";
import { useRoster } from "../../office";
import { said } from "../../i18n/said";

export type CaseRow = components["schemas"]["CasePublic"];

export function BulkAssign({ rows, bulk, nameOf }: { rows: CaseRow[]; bulk: Bulk<CaseRow>; nameOf: (examiner: string | null) => string }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const roster = useRoster();
  const [examiner, setExaminer] = useState<string | null>(null);

  function preview() {
    if (examiner === null) return;
    const name = nameOf(examiner);
    const check = (c: CaseRow): Check => {
      if (!(c.allowed_actions ?? []).includes("assign")) return { refused: said("bulk.notAllowed", { status: { text: codeLabel(catalogue(locale), "caseStatus", c.status) } }) };
      if (c.examiner_id === examiner) return { refused: said("bulk.alreadyAssigned", { name }) };
      return { change: { text: `${nameOf(c.examiner_id)} → ${name}` } };
    };
    const run = (chosen: CaseRow[]) =>
      runAll(chosen, {
        send: async (c) => {
          const { error, response } = await api.POST("/api/v1/examination/cases/{case_id}/assignment", {
            params: { path: { case_id: c.id } },
            body: { examiner_id: examiner, note: "" },
            headers: { "If-Match": `"${c.version}"` },
          });
          return { status: response.status, reason: refusal(error) };
        },
        reached: async (c) => {
          const { data } = await api.GET("/api/v1/examination/cases/{case_id}", { params: { path: { case_id: c.id } } });
          return data?.examiner_id === examiner;
        },
      });
    bulk.preview(said("bulk.assignTitle", { name }), rows, check, run);
  }

  return (
    <Group align="flex-end">
      <Select
        label={t("bulk.assignTo")}
        data={(roster.data ?? []).map((e) => ({ value: e.examiner_id, label: e.display_name }))}
        value={examiner}
        onChange={setExaminer}
        searchable
        w={280}
        data-testid="bulk-examiner"
      />
      <Button onClick={preview} disabled={examiner === null || rows.length === 0} data-testid="bulk-preview-button">
        {t("bulk.preview")}
      </Button>
    </Group>
  );
}
