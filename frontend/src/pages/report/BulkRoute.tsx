// The verification queue's bulk action: route the chosen reports to another office (a
// report misdirected to this one), with one reason for all. Each report is one call with
// the version the queue read (If-Match); the preview refuses what the API's
// `allowed_actions` leave out (a report no longer open at intake).
import { Button, Group, Select, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import type { Bulk } from "../../components/useBulk";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { runAll, type Check } from "../../lib/bulk";
import { refusal } from "../../lib/intern";
import { useMe } from "../../office";
import { said } from "../../i18n/said";

export type ReportRow = components["schemas"]["ReportPublic"];

export function BulkRoute({ rows, bulk }: { rows: ReportRow[]; bulk: Bulk<ReportRow> }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const offices = useQuery({
    queryKey: ["offices"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/auth/offices");
      if (error) throw new Error("offices");
      return data.items;
    },
    staleTime: 300_000,
  });
  const [office, setOffice] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);

  function preview() {
    if (office === null) return;
    if (reason.trim() === "") return setMissing(true);
    setMissing(false);
    const target = office;
    const why = reason.trim();
    const check = (r: ReportRow): Check => {
      if (!(r.allowed_actions ?? []).includes("route")) return { refused: said("bulk.notAllowed", { status: { text: codeLabel(catalogue(locale), "status", r.status) } }) };
      if (r.office === target) return { refused: said("bulk.sameOffice") };
      return { change: { text: `${r.office} → ${target}` } };
    };
    const run = (chosen: ReportRow[]) =>
      runAll(chosen, {
        send: async (r) => {
          const { error, response } = await api.POST("/api/v1/intake/reports/{report_id}/route", {
            params: { path: { report_id: r.id } },
            body: { office: target, reason: why },
            headers: { "If-Match": `"${r.version}"` },
          });
          return { status: response.status, reason: refusal(error) };
        },
        // Routed away, a report is out of this office's sight: it cannot be confirmed
        // from here, and the result says so rather than guessing.
        reached: async () => false,
      });
    bulk.preview(said("bulk.routeTitle", { office: target }), rows, check, run);
  }

  return (
    <Group align="flex-end">
      <Select
        label={t("bulk.routeTo")}
        data={(offices.data ?? []).filter((o) => o.code !== me.data?.office).map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
        value={office}
        onChange={setOffice}
        searchable
        w={300}
        data-testid="bulk-office"
      />
      <TextInput
        label={t("bulk.routeReason")}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={missing ? t("bulk.needReason") : undefined}
        maxLength={2000}
        w={320}
        data-testid="bulk-reason"
      />
      <Button onClick={preview} disabled={office === null || rows.length === 0} data-testid="bulk-preview-button">
        {t("bulk.preview")}
      </Button>
    </Group>
  );
}
