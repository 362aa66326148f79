// An office changed by a national admin: its name, zone, address and head (the letters'
// signatory). The version read goes with the change (If-Match): when someone changed the
// office meanwhile, nothing is overwritten and the list is read again.
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { catalogue, codeLabel } from "../../i18n/messages";
import { ZONES } from "../../lib/admin";
import { errorAt } from "../case/write";
import type { Office } from "./data";

export function EditOffice({ office, onDone }: { office: Office; onDone: () => void }): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const queries = useQueryClient();
  const [changed, setChanged] = useState(false);
  const reload = () => void queries.invalidateQueries({ queryKey: ["admin", "offices"] });
  const w = useWrite(
    {
      onSaved: reload,
      onConflict: () => {
        setChanged(true);
        reload();
      },
    },
    { name: office.name, timezone: office.timezone, address: office.address ?? "", head_name: office.head_name ?? "", head_title: office.head_title ?? "" },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setChanged(false);
    const v = w.values;
    void w.send(() =>
      api.PATCH("/api/v1/auth/offices/{code}", {
        params: { path: { code: office.code }, header: { "If-Match": `"${office.version}"` } },
        body: {
          name: v.name ?? "",
          timezone: v.timezone as (typeof ZONES)[number],
          address: v.address || null,
          head_name: v.head_name || null,
          head_title: v.head_title || null,
        },
      }),
    );
  }

  return (
    <Section title={t("office.editTitle", { name: office.code })} id="office-edit">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Saved when={w.saved} message={t("office.saved")} />
          {changed && (
            <Alert color="yellow" c="dark" role="alert">
              {t("office.changed")}
            </Alert>
          )}
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <TextInput label={t("admin.office.name")} required {...w.bind("name")} error={errorAt(w.errors, "name")} />
            <NativeSelect
              label={t("admin.office.zone")}
              data={ZONES.map((z) => ({ value: z, label: codeLabel(catalogue(locale), "zone", z) }))}
              {...w.bind("timezone")}
              error={errorAt(w.errors, "timezone")}
            />
          </Group>
          <TextInput label={t("office.address")} {...w.bind("address")} error={errorAt(w.errors, "address")} />
          <Group grow align="flex-start">
            <TextInput label={t("office.headName")} {...w.bind("head_name")} error={errorAt(w.errors, "head_name")} />
            <TextInput label={t("office.headTitle")} {...w.bind("head_title")} error={errorAt(w.errors, "head_title")} />
          </Group>
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
