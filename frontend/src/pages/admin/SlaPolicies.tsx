// SLA policies: every version per track and classification (the latest first), and the
// next version added by a national supervisor or head; the API recomputes the clocks of
// live cases on that track. A policy is never edited in place: a version is added.
import { Alert, Button, Group, NativeSelect, Stack, Table, TextInput, Textarea } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { formatDate } from "../../lib/dates";
import { useOfficeZone } from "../../office";
import { errorAt } from "../case/write";

type S = components["schemas"];
const TRACKS = ["regular", "rapid_response"] as const satisfies readonly S["Track"][];
const CLASSES = ["sederhana", "sedang", "berat"] as const satisfies readonly S["Classification"][];
const UNITS = ["working_days", "calendar_days"] as const satisfies readonly S["SlaUnit"][];
const NOOP = () => undefined;

export function SlaPanel({ national }: { national: boolean }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const zone = useOfficeZone();
  const policies = useQuery({
    queryKey: ["sla-policies"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/examination/sla-policies");
      if (error) throw new Error("sla");
      return [...data].sort((a, b) => a.track.localeCompare(b.track) || (a.classification ?? "").localeCompare(b.classification ?? "") || b.version - a.version);
    },
  });
  return (
    <Stack>
      <Section title={t("sla.list")} id="sla-list">
        {policies.isPending && <Alert color="gray">{t("admin.loading")}</Alert>}
        {policies.data && (
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder striped data-testid="sla-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("sla.track")}</Table.Th>
                  <Table.Th scope="col">{t("board.classification")}</Table.Th>
                  <Table.Th scope="col">{t("sla.version")}</Table.Th>
                  <Table.Th scope="col">{t("sla.target")}</Table.Th>
                  <Table.Th scope="col">{t("sla.warningAt")}</Table.Th>
                  <Table.Th scope="col">{t("sla.from")}</Table.Th>
                  <Table.Th scope="col">{t("sla.note")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {policies.data.map((p) => (
                  <Table.Tr key={p.id} data-policy={`${p.track}/${p.classification ?? "-"}/${p.version}`}>
                    <Table.Td>{codeLabel(labels, "slaTrack", p.track)}</Table.Td>
                    <Table.Td>{p.classification ? codeLabel(labels, "classification", p.classification) : t("sla.anyClass")}</Table.Td>
                    <Table.Td>{p.version}</Table.Td>
                    <Table.Td>
                      {p.target} {codeLabel(labels, "slaUnit", p.unit)}
                    </Table.Td>
                    <Table.Td>{Math.round(p.warning_ratio * 100)}%</Table.Td>
                    <Table.Td>{formatDate(p.effective_from, zone, locale === "id" ? "id-ID" : "en-GB")}</Table.Td>
                    <Table.Td>{p.note || "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      {national ? <AddPolicy /> : <Alert color="gray">{t("sla.nationalOnly")}</Alert>}
    </Stack>
  );
}

function AddPolicy() {
  const t = useT();
  const { locale } = useLocale();
  const labels = catalogue(locale);
  const queries = useQueryClient();
  const w = useWrite(
    { onSaved: () => void queries.invalidateQueries({ queryKey: ["sla-policies"] }), onConflict: NOOP },
    { track: "regular", classification: "", unit: "working_days", warning: "80" },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    void w.send(() =>
      api.POST("/api/v1/examination/sla-policies", {
        body: {
          track: v.track as S["Track"],
          classification: v.classification ? (v.classification as S["Classification"]) : null,
          // What is not a number goes as typed: the API names the field.
          target: (v.target ?? "").trim() === "" ? (undefined as unknown as number) : Number(v.target),
          unit: v.unit as S["SlaUnit"],
          warning_ratio: Number(v.warning ?? "80") / 100,
          note: v.note ?? "",
        },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      }),
    );
  }

  return (
    <Section title={t("sla.add")} id="sla-add">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Saved when={w.saved} message={t("sla.saved")} />
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <NativeSelect label={t("sla.track")} data={TRACKS.map((v) => ({ value: v, label: codeLabel(labels, "slaTrack", v) }))} {...w.bind("track")} error={errorAt(w.errors, "track")} />
            <NativeSelect
              label={t("board.classification")}
              data={[{ value: "", label: t("sla.anyClass") }, ...CLASSES.map((v) => ({ value: v, label: codeLabel(labels, "classification", v) }))]}
              {...w.bind("classification")}
              error={errorAt(w.errors, "classification")}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t("sla.target")} inputMode="numeric" required {...w.bind("target")} error={errorAt(w.errors, "target")} />
            <NativeSelect label={t("sla.unit")} data={UNITS.map((v) => ({ value: v, label: codeLabel(labels, "slaUnit", v) }))} {...w.bind("unit")} error={errorAt(w.errors, "unit")} />
            <TextInput label={t("sla.warningPercent")} inputMode="numeric" {...w.bind("warning")} error={errorAt(w.errors, "warning_ratio")} />
          </Group>
          <Textarea label={t("sla.note")} autosize minRows={1} {...w.bind("note")} error={errorAt(w.errors, "note")} />
          <Group>
            <Button type="submit" loading={w.busy}>
              {t("sla.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
