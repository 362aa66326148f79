// Sahabat Ombudsman: the office's groups and members (names as the API returns them),
// recording a member, the induction, leaving and coming back (If-Match; a newer version
// met shows the conflict dialog), training records, and the alumni's requests to join,
// accepted (inducted) or declined.
import { Alert, Button, Checkbox, Group as Row, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { ConflictDialog } from "../../components/ConflictDialog";
import { useSay, useT } from "../../i18n/locale";
import type { Said } from "../../i18n/said";
import { formatDate, todayIn } from "../../lib/dates";
import { formErrors, isProblem } from "../../lib/problems";
import { useCapabilities } from "../../capabilities";
import { useOfficeZone } from "../../office";
import { nested } from "../fields";
import { useFields } from "../useFields";
import { StateChip } from "./Chips";
import { etagOf, isMove, statusOf, stepLabel, useGroups, useMembers, type Member } from "./communityData";
import { QueryState, useWords } from "./shared";
import { DateField } from "../../components/DateFields";

const STATUS_CHIP = {
  candidate: { tone: "neutral", icon: "clock" },
  active: { tone: "ok", icon: "check" },
  inactive: { tone: "neutral", icon: "dash" },
} as const;

export function MemberChip({ status }: { status: string }): React.JSX.Element {
  const { label } = useWords();
  const chip = STATUS_CHIP[status as keyof typeof STATUS_CHIP] ?? STATUS_CHIP.inactive;
  return <StateChip tone={chip.tone} icon={chip.icon} text={label("com.status", status)} state={status} />;
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["prevention", "community"] });
}

function GroupForm(): React.JSX.Element {
  const t = useT();
  const refresh = useRefresh();
  const { values, bind, setErrors, errors, reset } = useFields({ name: "", regency: "" });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const { error } = await api.POST("/api/v1/prevention/community/groups", {
      body: nested(values) as never,
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    if (!error) {
      reset({ name: "", regency: "" });
      await refresh();
      return;
    }
    setErrors(isProblem(error) ? formErrors(error, t("form.error")) : { fields: {}, general: t("form.error") });
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("com.addGroup")}>
      {errors.general && <Alert color="red" role="alert">{errors.general}</Alert>}
      <Row align="flex-end">
        <TextInput label={t("com.groupName")} required {...bind("name")} />
        <TextInput label={t("com.regency")} required {...bind("regency")} />
        <Button type="submit" variant="default">{t("com.addGroup")}</Button>
      </Row>
    </form>
  );
}

function MemberForm({ groups }: { groups: Array<{ value: string; label: string }> }): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const refresh = useRefresh();
  const today = todayIn(zone);
  const start = { group_id: "", name: "", phone: "", "consent.given_on": today, inducted_on: "" };
  const { values, set, bind, setErrors, errors, reset } = useFields(start);
  const [contact, setContact] = useState(true);
  const [saved, setSaved] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const fields = nested(values) as { consent?: Record<string, unknown> };
    const body = { ...fields, consent: { ...fields.consent, scope: contact ? ["contact"] : [] } };
    const { error } = await api.POST("/api/v1/prevention/community/members", {
      body: body as never,
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    if (!error) {
      reset(start);
      setSaved(true);
      await refresh();
      return;
    }
    setErrors(isProblem(error) ? formErrors(error, t("form.error")) : { fields: {}, general: t("form.error") });
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("com.addMember")}>
      <Stack gap="xs">
        {errors.general && <Alert color="red" role="alert">{errors.general}</Alert>}
        {saved && <Alert color="green" role="status">{t("com.saved")}</Alert>}
        <Row align="flex-end" grow>
          <Select label={t("com.group")} data={groups} value={values.group_id || null} onChange={(v) => set("group_id", v ?? "")} error={errors.fields.group_id} required />
          <TextInput label={t("com.name")} required {...bind("name")} />
          <TextInput label={t("com.phone")} type="tel" {...bind("phone")} />
        </Row>
        <Row align="flex-end" grow>
          <DateField label={t("com.consentOn")} required {...bind("consent.given_on")} />
          <DateField label={t("com.inductedOn")} {...bind("inducted_on")} />
          <Checkbox label={t("com.consentContact")} checked={contact} onChange={(e) => setContact(e.currentTarget.checked)} />
        </Row>
        <Row>
          <Button type="submit">{t("com.addMember")}</Button>
        </Row>
      </Stack>
    </form>
  );
}

function TrainingForm({ member, onDone }: { member: Member; onDone: () => void }): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const { values, bind, setErrors, errors } = useFields({ title: "", held_on: todayIn(zone), hours: "" });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = nested(values);
    const body = { ...fields, hours: values.hours ? Number(values.hours) : undefined };
    const { error } = await api.POST("/api/v1/prevention/community/members/{member_id}/trainings", {
      params: { path: { member_id: member.id } },
      body: body as never,
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    if (!error) return onDone();
    setErrors(isProblem(error) ? formErrors(error, t("form.error")) : { fields: {}, general: t("form.error") });
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`${t("com.training")}: ${member.name ?? ""}`}>
      {errors.general && <Alert color="red" role="alert">{errors.general}</Alert>}
      <Row align="flex-end">
        <TextInput label={t("com.trainingTitle")} required {...bind("title")} />
        <DateField label={t("com.trainingOn")} required {...bind("held_on")} />
        <TextInput label={t("com.trainingHours")} inputMode="decimal" w={90} {...bind("hours")} />
        <Button type="submit" variant="default">{t("com.save")}</Button>
      </Row>
    </form>
  );
}

function MembersTable({ members, groupName, caption, firstGroup }: { members: Member[]; groupName: (id: string | null) => string; caption: string; firstGroup?: string }): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const refresh = useRefresh();
  const { intl, label } = useWords();
  // The steps each member offers this reader come from the API (`allowed_steps`).
  const acting = members.some((m) => m.allowed_steps.length > 0);
  const [conflict, setConflict] = useState(false);
  const [training, setTraining] = useState<string | null>(null);
  const say = useSay();
  // Kept as what to say, worded when shown: a switch of language rewords it.
  const [problem, setProblem] = useState<Said | null>(null);
  async function move(member: Member, to: "active" | "inactive") {
    setProblem(null);
    // An alumnus accepted joins the office's first group (the unit may move them later).
    const group = to === "active" && !member.group_id && firstGroup ? { group_id: firstGroup } : {};
    const body = to === "active" && !member.inducted_on ? { status: to, inducted_on: todayIn(zone), ...group } : { status: to, ...group };
    const { error, response } = await api.POST("/api/v1/prevention/community/members/{member_id}/status", {
      params: { path: { member_id: member.id } },
      body: body as never,
      headers: { "If-Match": etagOf(member.version) },
    });
    if (response.status === 412) return setConflict(true);
    if (error) {
      const field = isProblem(error) ? Object.values(formErrors(error, "").fields)[0] : undefined;
      setProblem(field ? { text: field } : { problem: error, fallback: "form.error" });
    }
    await refresh();
  }
  return (
    <>
      {problem && <Alert color="red" role="alert">{say(problem)}</Alert>}
      <Table.ScrollContainer minWidth={760}>
        <Table striped withTableBorder>
          <caption className="visually-hidden">{caption}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("com.name")}</Table.Th>
              <Table.Th scope="col">{t("com.group")}</Table.Th>
              <Table.Th scope="col">{t("com.status")}</Table.Th>
              <Table.Th scope="col">{t("com.source")}</Table.Th>
              <Table.Th scope="col">{t("com.inductedOn")}</Table.Th>
              <Table.Th scope="col">{t("com.leftOn")}</Table.Th>
              {acting && <Table.Th scope="col">{t("com.actions")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.id} data-member={m.id}>
                <Table.Th scope="row" fw={400}>{m.name ?? "—"}</Table.Th>
                <Table.Td>{groupName(m.group_id)}</Table.Td>
                <Table.Td><MemberChip status={m.status} /></Table.Td>
                <Table.Td>{label("com.source", m.source)}</Table.Td>
                <Table.Td>{m.inducted_on ? formatDate(m.inducted_on, zone, intl) : "—"}</Table.Td>
                <Table.Td>{m.left_on ? formatDate(m.left_on, zone, intl) : "—"}</Table.Td>
                {acting && (
                  <Table.Td>
                    <Row gap="xs">
                      {m.allowed_steps.filter(isMove).map((step) => (
                        <Button key={step} size="xs" variant="default" onClick={() => void move(m, statusOf(step))} aria-label={`${t(stepLabel(step))}: ${m.name ?? m.id}`}>
                          {t(stepLabel(step))}
                        </Button>
                      ))}
                      {m.allowed_steps.includes("training") && (
                        <Button size="xs" variant="default" onClick={() => setTraining(training === m.id ? null : m.id)} aria-label={`${t("com.training")}: ${m.name ?? m.id}`}>
                          {t("com.training")}
                        </Button>
                      )}
                    </Row>
                    {training === m.id && <TrainingForm member={m} onDone={() => { setTraining(null); void refresh(); }} />}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConflictDialog opened={conflict} of="member" onClose={() => setConflict(false)} onReload={() => { setConflict(false); void refresh(); }} />
    </>
  );
}

export function CommunityPanel(): React.JSX.Element {
  const t = useT();
  const { may } = useCapabilities();
  const { label } = useWords();
  const groups = useGroups();
  const members = useMembers();
  if (!groups.data) return <QueryState query={groups} />;
  if (!members.data) return <QueryState query={members} />;
  // Masking as the API answered it (each member says so); the forms by capability.
  const masked = members.data.some((m) => m.masked);
  const creates = may("prevention.community.create");
  const names = new Map(groups.data.map((g) => [g.id, g.name]));
  const groupName = (id: string | null) => (id ? (names.get(id) ?? "—") : "—");
  const joining = members.data.filter((m) => m.status === "candidate" && m.source === "alumni");
  const others = members.data.filter((m) => !(m.status === "candidate" && m.source === "alumni"));
  return (
    <Stack>
      {masked && <Alert color="gray">{t("com.masked")}</Alert>}
      <Title order={2} size="h3">{t("com.groups")}</Title>
      {groups.data.length === 0 ? (
        <Text>{t("com.empty")}</Text>
      ) : (
        <Table striped withTableBorder data-testid="community-groups">
          <caption className="visually-hidden">{t("com.groups")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("com.groupName")}</Table.Th>
              <Table.Th scope="col">{t("com.regency")}</Table.Th>
              <Table.Th scope="col">{t("com.segment")}</Table.Th>
              <Table.Th scope="col" ta="right">{t("com.activeMembers")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.data.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Th scope="row" fw={400}>{g.name}</Table.Th>
                <Table.Td>{g.regency}</Table.Td>
                <Table.Td>{label("com.segment", g.segment)}</Table.Td>
                <Table.Td ta="right">{g.active_members}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creates && <GroupForm />}
      <Title order={2} size="h3">{t("com.joinRequests")}</Title>
      {joining.length === 0 ? <Text>{t("com.noJoinRequests")}</Text> : <MembersTable members={joining} groupName={groupName} caption={t("com.joinRequests")} firstGroup={groups.data[0]?.id} />}
      <Title order={2} size="h3">{t("com.members")}</Title>
      {others.length === 0 ? <Text>{t("com.empty")}</Text> : <MembersTable members={others} groupName={groupName} caption={t("com.members")} />}
      {creates && groups.data.length > 0 && <MemberForm groups={groups.data.map((g) => ({ value: g.id, label: g.name }))} />}
    </Stack>
  );
}
