// Role proposals waiting for a second admin: who proposed what for whom; another admin
// approves (the roles change at once) or declines. The API refuses the proposer and the
// account's holder, and says why.
import { Alert, Button, Group, Table } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import { Section } from "../../components/Sections";
import { useSay, useT } from "../../i18n/locale";
import type { Said } from "../../i18n/said";
import { useProposals, type Proposal } from "./data";
import { useRoleWords } from "./Shared";

export function ProposalsSection(): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const proposals = useProposals();
  const words = useRoleWords();
  const say = useSay();
  const [problem, setProblem] = useState<Said | null>(null); // worded when shown

  async function decide(proposal: Proposal, approve: boolean) {
    setProblem(null);
    const path = approve ? "/api/v1/auth/role-proposals/{proposal_id}/approval" : "/api/v1/auth/role-proposals/{proposal_id}/refusal";
    const { error, response } = await api.POST(path, { params: { path: { proposal_id: proposal.id } } });
    if (!response.ok) {
      setProblem({ problem: error, fallback: "admin.fix" });
      return;
    }
    await queries.invalidateQueries({ queryKey: ["admin"] });
  }

  return (
    <Section title={t("admin.proposals")} id="proposals">
      {problem && <Alert color="red">{say(problem)}</Alert>}
      {proposals.error && <Alert color="red">{t("admin.failed", { name: proposals.error.message })}</Alert>}
      {proposals.data && proposals.data.length === 0 && <Alert color="gray">{t("admin.proposals.empty")}</Alert>}
      {proposals.data && proposals.data.length > 0 && (
        <Table withTableBorder striped data-testid="proposals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("admin.proposals.account")}</Table.Th>
              <Table.Th scope="col">{t("admin.proposals.before")}</Table.Th>
              <Table.Th scope="col">{t("admin.proposals.after")}</Table.Th>
              <Table.Th scope="col">{t("admin.proposals.by")}</Table.Th>
              <Table.Th scope="col">{t("admin.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {proposals.data.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  {p.account_name} ({p.office})
                </Table.Td>
                <Table.Td>{words(p.roles_before)}</Table.Td>
                <Table.Td>{words(p.roles_after)}</Table.Td>
                <Table.Td>{p.proposed_by_name}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button size="compact-sm" onClick={() => void decide(p, true)} aria-label={`${t("admin.proposals.approve")}: ${p.account_name}`}>
                      {t("admin.proposals.approve")}
                    </Button>
                    <Button size="compact-sm" variant="default" onClick={() => void decide(p, false)} aria-label={`${t("admin.proposals.decline")}: ${p.account_name}`}>
                      {t("admin.proposals.decline")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
