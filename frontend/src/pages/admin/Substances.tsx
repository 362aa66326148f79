// Substances (the sectors a report is filed under): the national catalogue and the
// office's own, an office's own added (a national head may add to the catalogue), one
// renamed or retired. Retired ones are no longer offered for new reports; reports keep
// their code. The API's PATCH takes no If-Match yet: the last save wins.
import { Alert, Button, Checkbox, Group, Stack, Table, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { errorAt } from "../case/write";

type Substance = components["schemas"]["SubstancePublic"];
const NOOP = () => undefined;

export function SubstancesPanel({ national, office }: { national: boolean; office: string }): React.JSX.Element {
  const t = useT();
  const [editing, setEditing] = useState<Substance | null>(null);
  const substances = useQuery({
    queryKey: ["substances"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/substances");
      if (error) throw new Error("substances");
      return data;
    },
  });
  // A national substance is edited nationally only (the API refuses the others).
  const editable = (s: Substance) => national || s.office === office;
  return (
    <Stack>
      <Section title={t("substance.list")} id="substance-list">
        {substances.isPending && <Alert color="gray">{t("admin.loading")}</Alert>}
        {substances.data && (
          <Table withTableBorder striped data-testid="substance-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("substance.code")}</Table.Th>
                <Table.Th scope="col">{t("substance.nameId")}</Table.Th>
                <Table.Th scope="col">{t("substance.nameEn")}</Table.Th>
                <Table.Th scope="col">{t("substance.scope")}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t("roster.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {substances.data.map((s) => (
                <Table.Tr key={s.code} data-substance={s.code}>
                  <Table.Td>{s.code}</Table.Td>
                  <Table.Th scope="row" fw={400}>
                    {s.name_id}
                  </Table.Th>
                  <Table.Td>{s.name_en}</Table.Td>
                  <Table.Td>{s.office ?? t("substance.national")}</Table.Td>
                  <Table.Td>
                    {editable(s) && (
                      <Button size="xs" variant="light" onClick={() => setEditing(s)} aria-label={t("roster.editOne", { name: s.name_id })}>
                        {t("roster.edit")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {editing ? <EditSubstance key={editing.code} substance={editing} onDone={() => setEditing(null)} /> : <AddSubstance national={national} />}
    </Stack>
  );
}

function AddSubstance({ national }: { national: boolean }) {
  const t = useT();
  const queries = useQueryClient();
  const [toCatalogue, setToCatalogue] = useState(false);
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["substances"] }), onConflict: NOOP });

  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(
      () =>
        api.POST("/api/v1/intake/substances", {
          body: { code: (w.values.code ?? "").trim(), name_id: w.values.name_id ?? "", name_en: w.values.name_en ?? "", national: toCatalogue },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        }),
      () => ["code", "name_id", "name_en"].forEach((f) => w.set(f, "")),
    );
  }

  return (
    <Section title={t("substance.add")} id="substance-add">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Saved when={w.saved} message={t("substance.saved")} />
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <TextInput label={t("substance.code")} description={t("substance.codeHelp")} required {...w.bind("code")} error={errorAt(w.errors, "code")} />
            <TextInput label={t("substance.nameId")} required {...w.bind("name_id")} error={errorAt(w.errors, "name_id")} />
            <TextInput label={t("substance.nameEn")} required {...w.bind("name_en")} error={errorAt(w.errors, "name_en")} />
          </Group>
          {national && <Checkbox label={t("substance.toCatalogue")} checked={toCatalogue} onChange={(e) => setToCatalogue(e.currentTarget.checked)} />}
          <Group>
            <Button type="submit" loading={w.busy}>
              {t("substance.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function EditSubstance({ substance, onDone }: { substance: Substance; onDone: () => void }) {
  const t = useT();
  const queries = useQueryClient();
  const [retire, setRetire] = useState(false);
  const w = useWrite(
    { onSaved: () => void queries.invalidateQueries({ queryKey: ["substances"] }), onConflict: NOOP },
    { name_id: substance.name_id, name_en: substance.name_en },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(() =>
      api.PATCH("/api/v1/intake/substances/{code}", {
        params: { path: { code: substance.code } },
        body: { name_id: w.values.name_id ?? "", name_en: w.values.name_en ?? "", ...(retire ? { active: false } : {}) },
      }),
    );
  }

  return (
    <Section title={t("substance.editTitle", { name: substance.code })} id="substance-edit">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Saved when={w.saved} message={t("substance.saved")} />
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <TextInput label={t("substance.nameId")} required {...w.bind("name_id")} error={errorAt(w.errors, "name_id")} />
            <TextInput label={t("substance.nameEn")} required {...w.bind("name_en")} error={errorAt(w.errors, "name_en")} />
          </Group>
          <Checkbox label={t("substance.retire")} description={t("substance.retireHelp")} checked={retire} onChange={(e) => setRetire(e.currentTarget.checked)} />
          <Group>
            <Button type="submit" loading={w.busy}>
              {t("common.save")}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t("substance.back")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
