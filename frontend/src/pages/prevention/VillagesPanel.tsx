// The anti-maladministration villages nominated in a year: each with its stage (in
// words and an icon) and the decision's number once decided; a village is nominated
// above the list (sent once, Idempotency-Key), and its page opens.
import { Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent } from "react";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { General, Saved, useWrite } from "../../components/Write";
import { FoldedForm } from "../../components/FoldedForm";
import { useT } from "../../i18n/locale";
import { errorAt } from "../case/write";
import { NotForRole } from "./data";
import { useVillages } from "./publicationData";
import { QueryState } from "./shared";
import { VillageStageChip } from "./StageChips";

export function VillagesPanel({ year }: { year: number }): React.JSX.Element {
  const villages = useVillages(year);
  return (
    <Stack>
      {!(villages.error instanceof NotForRole) && <Nominate year={year} />}
      <VillagesTable year={year} />
    </Stack>
  );
}

const PLACES = ["name", "district", "regency", "region"] as const;

function Nominate({ year }: { year: number }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["prevention", "villages"] }), onConflict: () => undefined });

  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    let made: string | null = null;
    void w.send(
      async () => {
        const result = await api.POST("/api/v1/prevention/villages", {
          body: {
            name: v.name ?? "",
            district: v.district ?? "",
            regency: v.regency ?? "",
            region: v.region ?? "",
            year: Number(v.year || year),
            nominated_by: v.nominated_by?.trim() || null,
          },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        });
        made = result.data?.id ?? null;
        return result;
      },
      () => {
        if (made) void navigate({ to: "/pencegahan/desa/$villageId", params: { villageId: made } });
      },
    );
  }

  return (
    <FoldedForm id="nominate-village" button={t("prev.vil.nominate")} title={t("prev.vil.nominateTitle")} onSubmit={submit}>
      <Saved when={w.saved} message={t("prev.vil.nominated")} />
      <General message={w.errors.general} />
      <Group grow align="flex-start">
        {PLACES.slice(0, 2).map((name) => (
          <TextInput key={name} label={t(`prev.vil.${name}`)} required {...w.bind(name)} error={errorAt(w.errors, name)} />
        ))}
      </Group>
      <Group grow align="flex-start">
        {PLACES.slice(2).map((name) => (
          <TextInput key={name} label={t(`prev.vil.${name}`)} required {...w.bind(name)} error={errorAt(w.errors, name)} />
        ))}
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t("prev.vil.year")} inputMode="numeric" {...w.bind("year")} value={w.values.year ?? String(year)} error={errorAt(w.errors, "year")} />
        <TextInput label={t("prev.vil.nominatedBy")} {...w.bind("nominated_by")} error={errorAt(w.errors, "nominated_by")} />
      </Group>
      <Group>
        <Button type="submit" loading={w.busy}>
          {t("prev.vil.nominateSave")}
        </Button>
      </Group>
    </FoldedForm>
  );
}

function VillagesTable({ year }: { year: number }): React.JSX.Element {
  const t = useT();
  const villages = useVillages(year);
  if (!villages.data) return <QueryState query={villages} />;
  if (villages.data.length === 0) return <Text>{t("prev.vil.none")}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder data-testid="villages">
        <caption className="visually-hidden">{t("prev.tab.desa")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("prev.vil.name")}</Table.Th>
            <Table.Th scope="col">{t("prev.vil.district")}</Table.Th>
            <Table.Th scope="col">{t("prev.vil.regency")}</Table.Th>
            <Table.Th scope="col">{t("prev.vil.stage")}</Table.Th>
            <Table.Th scope="col">{t("prev.vil.decreeNumber")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {villages.data.map((v) => (
            <Table.Tr key={v.id} data-village={v.id}>
              <Table.Th scope="row" fw={400}>
                <AppLink to="/pencegahan/desa/$villageId" params={{ villageId: v.id }}>
                  {v.name}
                </AppLink>
              </Table.Th>
              <Table.Td>{v.district}</Table.Td>
              <Table.Td>{`${v.regency}, ${v.region}`}</Table.Td>
              <Table.Td>
                <VillageStageChip stage={v.stage} />
              </Table.Td>
              <Table.Td>{v.decree_number ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
