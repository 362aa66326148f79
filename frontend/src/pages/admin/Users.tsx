// Users: the list, a new account with its roles, and a change of roles. A change that
// adds a guarded role (head, dpo, protection officer, admin, national) goes to the API
// as a proposal when the admin is not national: it waits for a second admin, and the
// screen says so (the proposals are listed below, to approve or decline).
import { Alert, Button, Group, Modal, NativeSelect, PasswordInput, Stack, Table, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { useSay, useT } from "../../i18n/locale";
import type { Said } from "../../i18n/said";
import { needsSecondAdmin } from "../../lib/admin";
import { formErrors, isProblem, type FormErrors } from "../../lib/problems";
import { useOffices, useUsers, type User } from "./data";
import { ProposalsSection } from "./Proposals";
import { RoleChecks, useRoleWords } from "./Shared";
import { useShownErrors } from "../useFields";

const NO_ERRORS: FormErrors = { fields: {}, general: null };

export function UsersPanel({ actorRoles, actorOffice }: { actorRoles: string[]; actorOffice: string }): React.JSX.Element {
  const t = useT();
  const users = useUsers();
  const words = useRoleWords();
  const [editing, setEditing] = useState<User | null>(null);
  const say = useSay();
  const [notice, setNotice] = useState<Said | null>(null); // worded when shown
  return (
    <Stack>
      <CreateUser actorRoles={actorRoles} actorOffice={actorOffice} />
      <Section title={t("admin.user.list")} id="user-list">
        {notice && (
          <Alert color="blue" role="status" data-testid="role-notice">
            {say(notice)}
          </Alert>
        )}
        {users.isPending && <Alert color="gray">{t("admin.loading")}</Alert>}
        {users.error && <Alert color="red">{t("admin.failed", { name: users.error.message })}</Alert>}
        {users.data && (
          <Table withTableBorder striped data-testid="user-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.user.username")}</Table.Th>
                <Table.Th scope="col">{t("admin.user.fullName")}</Table.Th>
                <Table.Th scope="col">{t("admin.office")}</Table.Th>
                <Table.Th scope="col">{t("admin.roles")}</Table.Th>
                <Table.Th scope="col">{t("admin.status")}</Table.Th>
                <Table.Th scope="col">{t("admin.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id} data-username={u.username}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>{u.full_name}</Table.Td>
                  <Table.Td>{u.office}</Table.Td>
                  <Table.Td>{words(u.roles)}</Table.Td>
                  <Table.Td>{u.disabled ? t("admin.disabled") : t("admin.active")}</Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(u)} aria-label={t("admin.user.editRoles", { name: u.username })}>
                      {t("admin.user.changeRoles")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <ProposalsSection />
      {editing && (
        <RoleEditor
          user={editing}
          actorRoles={actorRoles}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
          }}
        />
      )}
    </Stack>
  );
}

function CreateUser({ actorRoles, actorOffice }: { actorRoles: string[]; actorOffice: string }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const offices = useOffices();
  const national = actorRoles.includes("national");
  const [username, setUsername] = useState("");
  const [fullName, setFullName] = useState("");
  const [password, setPassword] = useState("");
  const [office, setOffice] = useState(actorOffice);
  const [roles, setRoles] = useState<string[]>([]);
  const [kept, setErrors] = useState<FormErrors>(NO_ERRORS);
  const errors = useShownErrors(kept); // reworded after a switch of language
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // An office admin manages their own office's accounts only.
  const choices = national ? (offices.data ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` })) : [{ value: actorOffice, label: actorOffice }];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setBusy(true);
    const { error, response } = await api.POST("/api/v1/auth/users", {
      // The roles' codes are the API's enumeration; the boxes offer no other.
      body: { username, password, full_name: fullName, office, roles: roles as never[] },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    setBusy(false);
    if (response.ok) {
      setErrors(NO_ERRORS);
      setDone(username);
      setUsername("");
      setFullName("");
      setPassword("");
      setRoles([]);
      await queries.invalidateQueries({ queryKey: ["admin", "users"] });
      return;
    }
    const found = isProblem(error) ? formErrors(error, t("admin.fix")) : { fields: {}, general: t("admin.fix") };
    setErrors({ ...found, general: found.general ?? t("admin.fix") });
  }

  return (
    <Section title={t("admin.user.create")} id="user-create">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {errors.general && <Alert color="red">{errors.general}</Alert>}
          {done && <Alert color="green" role="status">{t("admin.user.created", { name: done })}</Alert>}
          <Group grow align="flex-start">
            <TextInput label={t("admin.user.username")} value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={errors.fields.username} required autoComplete="off" />
            <TextInput label={t("admin.user.fullName")} value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} error={errors.fields.full_name} required />
          </Group>
          <Group grow align="flex-start">
            <PasswordInput label={t("admin.user.password")} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.fields.password} required autoComplete="new-password" />
            <NativeSelect label={t("admin.office")} value={office} onChange={(e) => setOffice(e.currentTarget.value)} data={choices} error={errors.fields.office} />
          </Group>
          <RoleChecks legend={t("admin.roles")} value={roles} onChange={setRoles} />
          {errors.fields.roles && <Alert color="red">{errors.fields.roles}</Alert>}
          <Group>
            <Button type="submit" loading={busy}>
              {t("admin.user.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function RoleEditor({ user, actorRoles, onDone }: { user: User; actorRoles: string[]; onDone: (message: Said | null) => void }) {
  const t = useT();
  const queries = useQueryClient();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const say = useSay();
  const [problem, setProblem] = useState<Said | null>(null); // worded when shown
  const [busy, setBusy] = useState(false);

  async function propose(): Promise<boolean> {
    const { error, response } = await api.POST("/api/v1/auth/users/{user_id}/role-proposals", {
      params: { path: { user_id: user.id } },
      body: { roles: roles as never[] },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    if (!response.ok) setProblem({ problem: error, fallback: "admin.fix" });
    return response.ok;
  }

  async function save() {
    setBusy(true);
    setProblem(null);
    let pending = needsSecondAdmin(actorRoles, user.roles, roles);
    let ok: boolean;
    if (pending) {
      ok = await propose();
    } else {
      const { error, response } = await api.PATCH("/api/v1/auth/users/{user_id}", {
        params: { path: { user_id: user.id }, header: { "If-Match": `"${user.version}"` } },
        body: { roles: roles as never[] },
      });
      ok = response.ok;
      // The API wants a second admin after all (its rule is the one that counts).
      if (!ok && isProblem(error) && (error.type ?? "").endsWith("second-admin-required")) {
        pending = true;
        ok = await propose();
      } else if (!ok) {
        setProblem({ problem: error, fallback: "admin.fix" });
      }
    }
    setBusy(false);
    if (!ok) return;
    await queries.invalidateQueries({ queryKey: ["admin"] });
    onDone({ id: pending ? "admin.user.pending" : "admin.user.rolesSaved", values: { name: user.username } });
  }

  return (
    <Modal opened onClose={() => onDone(null)} title={t("admin.user.editRoles", { name: user.username })} size="lg" closeButtonProps={{ "aria-label": t("common.close") }} withinPortal={false}>
      <Stack>
        {problem && <Alert color="red">{say(problem)}</Alert>}
        <RoleChecks legend={t("admin.roles")} value={roles} onChange={setRoles} />
        <Group>
          <Button onClick={() => void save()} loading={busy}>
            {t("admin.user.saveRoles")}
          </Button>
          <Button variant="default" onClick={() => onDone(null)}>
            {t("admin.cancel")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
