// Assigning a case, for the examination supervisor: the office's roster with each
// examiner's load and absence, whose turn the round-robin gives (when the office's
// rotation is on), and the assignment sent with the version read (If-Match).
import { Alert, Button, Group, Select, Stack, Textarea, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { absentOn, nextInTurn, type RosterEntry } from "../../lib/assignment";
import { todayIn } from "../../lib/dates";
import { useMe, useRoster } from "../../office";
import type { WriteProps } from "./Forms";
import { errorAt } from "./write";

export function AssignmentForm(props: WriteProps & { examinerId: string | null }): React.JSX.Element | null {
  const t = useT();
  const me = useMe();
  const roster = useRoster();
  const w = useWrite(props);
  const office = me.data?.office;
  const rotation = useQuery({
    queryKey: ["rotation", office],
    enabled: office !== undefined,
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/examination/offices/{office}/rotation", {
        params: { path: { office: office! } },
      });
      if (error) throw new Error("rotation");
      return data;
    },
  });
  const today = todayIn(props.zone);
  const entries: RosterEntry[] = roster.data ?? [];
  const turn = nextInTurn(entries, rotation.data ?? null, today);
  const [chosen, setChosen] = useState<string | null>(null);
  const examiner = chosen ?? turn?.examiner_id ?? null;

  function label(e: RosterEntry): string {
    const load = t("assign.load", { open: e.open_cases, capacity: e.capacity });
    const away = absentOn(e, today) ? ` · ${t("assign.absent")}` : "";
    return `${e.display_name} (${load})${away}`;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void w.send(
      () =>
        api.POST("/api/v1/examination/cases/{case_id}/assignment", {
          params: { path: { case_id: props.caseId } },
          body: { examiner_id: examiner ?? "", note: w.values.note ?? "" },
          headers: { "If-Match": props.etag },
        }),
      () => setChosen(null),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="assign-new">
      <Stack>
        <Title order={3} size="h4" id="assign-new">
          {props.examinerId === null ? t("assign.title") : t("assign.reassign")}
        </Title>
        <Saved when={w.saved} message={t("assign.saved")} />
        <General message={w.errors.general} />
        {rotation.data && (
          <Alert color="gray" data-testid="rotation">
            {!rotation.data.enabled
              ? t("assign.rotationOff")
              : turn
                ? t("assign.turn", { name: turn.display_name })
                : t("assign.nobodyFree")}
          </Alert>
        )}
        <Group grow align="flex-start">
          <Select
            label={t("assign.examiner")}
            data={entries
              .filter((e) => e.examiner_id !== props.examinerId)
              .map((e) => ({ value: e.examiner_id, label: label(e) }))}
            value={examiner === props.examinerId ? null : examiner}
            onChange={setChosen}
            error={errorAt(w.errors, "examiner_id")}
            nothingFoundMessage={t("assign.emptyRoster")}
            required
            searchable
          />
          <Textarea label={t("assign.note")} autosize minRows={1} {...w.bind("note")} error={errorAt(w.errors, "note")} />
        </Group>
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("assign.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
