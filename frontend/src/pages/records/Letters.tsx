// The office's letter agenda (intake's records): incoming and outgoing letters with
// their agenda numbers, filtered by direction, and a letter recorded (the API numbers
// it in the agenda and dates it on the office's calendar when no date is given).
import { Alert, Button, Group, NativeSelect, SegmentedControl, Stack, Table, TextInput, Textarea } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { useOfficeZone } from "../../office";
import { errorAt } from "../case/write";
import { DateField } from "../../components/DateFields";

type Direction = "incoming" | "outgoing";
const NOOP = () => undefined;

export function LettersSection(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const intlLocale = locale === "id" ? "id-ID" : "en-GB";
  const queries = useQueryClient();
  const [direction, setDirection] = useState<Direction | "all">("all");
  const letters = useQuery({
    queryKey: ["letters", direction],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/letters", {
        params: { query: direction === "all" ? {} : { direction } },
      });
      if (error) throw new Error("letters");
      return data.items;
    },
  });
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["letters"] }), onConflict: NOOP }, { direction: "incoming" });

  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    void w.send(
      () =>
        api.POST("/api/v1/intake/letters", {
          body: {
            direction: v.direction as Direction,
            letter_number: v.letter_number || null,
            letter_date: v.letter_date || null,
            correspondent: v.correspondent ?? "",
            subject: v.subject ?? "",
          },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        }),
      () => ["letter_number", "letter_date", "correspondent", "subject"].forEach((f) => w.set(f, "")),
    );
  }

  const directionLabel = (d: string) => (d === "incoming" ? t("letter.incoming") : d === "outgoing" ? t("letter.outgoing") : d);
  return (
    <Section title={t("letter.title")} id="letters">
      <SegmentedControl
        aria-label={`${t("letter.title")}: ${t("letter.direction")}`}
        value={direction}
        onChange={(v) => setDirection(v as Direction | "all")}
        data={[
          { value: "all", label: t("archive.loansAll") },
          { value: "incoming", label: t("letter.incoming") },
          { value: "outgoing", label: t("letter.outgoing") },
        ]}
        maw={420}
      />
      {letters.isError && <Alert color="red">{t("form.error")}</Alert>}
      {letters.data && letters.data.length === 0 && <Alert color="gray">{t("letter.none")}</Alert>}
      {letters.data && letters.data.length > 0 && (
        <Table withTableBorder striped data-testid="letters">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("letter.agenda")}</Table.Th>
              <Table.Th scope="col">{t("letter.direction")}</Table.Th>
              <Table.Th scope="col">{t("letter.correspondent")}</Table.Th>
              <Table.Th scope="col">{t("letter.subject")}</Table.Th>
              <Table.Th scope="col">{t("letter.handled")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {letters.data.map((l) => (
              <Table.Tr key={l.id} data-letter={l.agenda_number}>
                <Table.Th scope="row" fw={400}>
                  {l.agenda_number}
                </Table.Th>
                <Table.Td>{directionLabel(l.direction)}</Table.Td>
                <Table.Td>{l.correspondent}</Table.Td>
                <Table.Td>{l.subject}</Table.Td>
                <Table.Td>{formatDate(l.handled_on, zone, intlLocale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={submit} noValidate aria-label={t("letter.record")}>
        <Stack>
          <Saved when={w.saved} message={t("letter.saved")} />
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <NativeSelect
              label={t("letter.direction")}
              data={[
                { value: "incoming", label: t("letter.incoming") },
                { value: "outgoing", label: t("letter.outgoing") },
              ]}
              {...w.bind("direction")}
              error={errorAt(w.errors, "direction")}
            />
            <TextInput label={t("letter.number")} {...w.bind("letter_number")} error={errorAt(w.errors, "letter_number")} />
            <DateField label={t("letter.date")} {...w.bind("letter_date")} error={errorAt(w.errors, "letter_date")} />
          </Group>
          <TextInput label={t("letter.correspondent")} required {...w.bind("correspondent")} error={errorAt(w.errors, "correspondent")} />
          <Textarea label={t("letter.subject")} required autosize minRows={1} {...w.bind("subject")} error={errorAt(w.errors, "subject")} />
          <Group>
            <Button type="submit" loading={w.busy}>
              {t("letter.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
