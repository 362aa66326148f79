// The user's own queues with their counts, from the APIs the user's capabilities read
// (`/auth/me`): a user with no queue here sees none, never a screen they cannot use.
import { Alert, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Navigate } from "@tanstack/react-router";
import { api } from "../api/client";
import type { components, operations } from "../api/schema";
import { session } from "../auth/session";
import { AppLink } from "../components/AppLink";
import { useT } from "../i18n/locale";
import type { BoardSearch } from "../lib/board";
import type { MessageId } from "../i18n/messages";
import { todayIn } from "../lib/dates";
import { useCapabilities } from "../capabilities";
import { useMe, useOfficeZone } from "../office";

const PAGE = 100;
const INTAKE_QUEUES = ["registered", "awaiting_completion", "formally_verified", "materially_verified"] as const;

// An intake status queue opens the verification queue filtered as counted.
function isIntakeQueue(key: string): key is (typeof INTAKE_QUEUES)[number] {
  return (INTAKE_QUEUES as readonly string[]).includes(key);
}

interface Counted {
  count: number;
  more: boolean;
}

interface Queue {
  key: string;
  label: MessageId;
  unit: "home.count" | "home.cases" | "home.visitors" | "prev.home.items" | "intern.home.entries";
  count: number | null; // null: the API refused this queue
  more: boolean;
  board?: BoardSearch; // a case queue opens the examination board filtered as counted
}

type IntakeQuery = NonNullable<operations["intake_reports_list_reports"]["parameters"]["query"]>;
type CaseQuery = NonNullable<operations["examination_cases_list_cases"]["parameters"]["query"]>;

async function intakeCount(query: IntakeQuery): Promise<Counted> {
  const { data, error } = await api.GET("/api/v1/intake/reports", {
    params: { query: { ...query, limit: PAGE } },
  });
  if (error) throw new Error("intake");
  // The listing answers JSON or CSV; JSON was asked for.
  const page = data as components["schemas"]["Page_ReportPublic_"];
  return { count: page.items.length, more: Boolean(page.next_cursor) };
}

async function caseCount(query: CaseQuery): Promise<Counted> {
  const { data, error } = await api.GET("/api/v1/examination/cases", {
    params: { query: { ...query, limit: PAGE } },
  });
  if (error) throw new Error("examination");
  // The listing answers JSON or CSV; JSON was asked for.
  const page = data as components["schemas"]["Page_CasePublic_"];
  return { count: page.items.length, more: Boolean(page.next_cursor) };
}

// Visitors waiting at the desk (the live queue holds every one of them: no paging).
async function deskCount(): Promise<Counted> {
  const { data, error } = await api.GET("/api/v1/consultation/queue");
  if (error) throw new Error("consultation");
  return { count: data.items.filter((v) => v.status === "waiting").length, more: false };
}

// The prevention unit's work: assessments still in data entry, agreements in force that
// end within 90 days (the first reminder the office sends).
async function draftAssessments(): Promise<Counted> {
  const { data, error } = await api.GET("/api/v1/prevention/assessments", { params: { query: { status: "draft", limit: PAGE } } });
  if (error) throw new Error("prevention");
  // The listing answers JSON or CSV; JSON was asked for.
  const page = data as components["schemas"]["Page_AssessmentPublic_"];
  return { count: page.items.length, more: Boolean(page.next_cursor) };
}

// Data subjects' requests still open past their deadline (UU 27/2022's 3 x 24 hours).
async function overdueSubjectRequests(): Promise<Counted> {
  const { data, error } = await api.GET("/api/v1/prevention/subject-requests", { params: { query: { overdue: true } } });
  if (error) throw new Error("prevention");
  return { count: data.length, more: false };
}

async function endingAgreements(): Promise<Counted> {
  const { data, error } = await api.GET("/api/v1/prevention/agreements", { params: { query: { status: "active", expiring_within: 90 } } });
  if (error) throw new Error("prevention");
  return { count: data.length, more: false };
}

// The intern's own logbook entries of this month returned for correction.
async function returnedEntries(zone: string): Promise<Counted> {
  const month = todayIn(zone).slice(0, 7); // this month in the office's zone
  const { data, error } = await api.GET("/api/v1/internship/intern/logbook", { params: { query: { month } } });
  if (error) throw new Error("internship");
  return { count: data.filter((e) => e.status === "returned").length, more: false };
}

export function HomePage(): React.JSX.Element {
  const t = useT();
  const me = useMe();
  const zone = useOfficeZone();
  const roles = me.data?.roles ?? [];
  const { viewer, may } = useCapabilities();
  const queues = useQuery({
    queryKey: ["queues", me.data?.subject, session.signedIn()],
    enabled: me.data !== undefined,
    // Side by side, each on its own: a queue the API refuses (a role it does not
    // know yet) shows a dash, not an error over the whole page.
    queryFn: async (): Promise<Queue[]> => {
      const wanted: Array<[string, MessageId, Queue["unit"], () => Promise<Counted>, BoardSearch?]> = [];
      // The intake queues are those who work the reports' steps, and the head's.
      if (may("intake.reports.work") || may("intake.manage")) {
        for (const status of INTAKE_QUEUES) {
          wanted.push([status, `queue.${status}`, "home.count", () => intakeCount({ status })]);
        }
        wanted.push(["mine", "queue.mine", "home.count", () => intakeCount({ assignee: me.data!.subject })]);
      }
      if (may("examination.cases.read")) {
        // An examiner's queue is their own cases; everyone else's the office's.
        const mine: CaseQuery = roles.includes("examiner") ? { examiner_id: me.data!.subject } : {};
        const board: BoardSearch = roles.includes("examiner") ? { pemeriksa: me.data!.subject } : {};
        wanted.push(["cases", "queue.casesMine", "home.cases", () => caseCount(mine), board]);
        wanted.push(["warning", "queue.casesWarning", "home.cases", () => caseCount({ ...mine, sla_state: "warning" }), { ...board, sla: "warning" }]);
        wanted.push(["breached", "queue.casesBreached", "home.cases", () => caseCount({ ...mine, sla_state: "breached" }), { ...board, sla: "breached" }]);
      }
      if (may("desk.work")) {
        wanted.push(["desk", "queue.deskWaiting", "home.visitors", deskCount]);
      }
      if (may("prevention.read")) {
        wanted.push(["prev-drafts", "prev.home.drafts", "prev.home.items", draftAssessments]);
        wanted.push(["prev-ending", "prev.home.ending", "prev.home.items", endingAgreements]);
        wanted.push(["prev-subject-overdue", "prev.home.subjectOverdue", "prev.home.items", overdueSubjectRequests]);
      }
      if (may("internship.intern")) {
        wanted.push(["intern-returned", "intern.home.returned", "intern.home.entries", () => returnedEntries(zone)]);
      }
      const counted = await Promise.allSettled(wanted.map(([, , , count]) => count()));
      return wanted.map(([key, label, unit, , board], i) => {
        const result = counted[i]!;
        return result.status === "fulfilled"
          ? { key, label, unit, board, ...result.value }
          : { key, label, unit, board, count: null, more: false };
      });
    },
  });

  // A Sahabat Ombudsman member has no queue: their home is their own screen.
  if (viewer.member) return <Navigate to="/sahabat" replace />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("home.title")}
      </Title>
      {(me.isLoading || queues.isLoading) && <Loader role="status" aria-label={t("common.loading")} />}
      {queues.isError && <Alert color="red">{t("form.error")}</Alert>}
      {queues.data && queues.data.length === 0 && <Text>{t("home.empty")}</Text>}
      {queues.data && queues.data.length > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("home.queue")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("home.countHeader")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {queues.data.map((q) => (
              <Table.Tr key={q.key} data-queue={q.key}>
                <Table.Th scope="row" fw={400}>
                  {q.board ? (
                    <AppLink to="/pemeriksaan" search={q.board}>
                      {t(q.label)}
                    </AppLink>
                  ) : q.key === "prev-drafts" ? (
                    <AppLink to="/pencegahan" search={{ bagian: "penilaian" }}>
                      {t(q.label)}
                    </AppLink>
                  ) : q.key === "prev-ending" ? (
                    <AppLink to="/pencegahan" search={{ bagian: "kerja-sama" }}>
                      {t(q.label)}
                    </AppLink>
                  ) : q.key === "prev-subject-overdue" ? (
                    <AppLink to="/pencegahan" search={{ bagian: "permintaan-data" }}>
                      {t(q.label)}
                    </AppLink>
                  ) : q.key === "intern-returned" ? (
                    <AppLink to="/peserta-magang" search={{ bagian: "logbook" }}>
                      {t(q.label)}
                    </AppLink>
                  ) : q.key === "desk" ? (
                    <AppLink to="/meja-layanan">{t(q.label)}</AppLink>
                  ) : isIntakeQueue(q.key) ? (
                    <AppLink to="/verifikasi" search={{ status: q.key }}>
                      {t(q.label)}
                    </AppLink>
                  ) : (
                    t(q.label)
                  )}
                </Table.Th>
                <Table.Td ta="right" data-count={q.count ?? undefined}>
                  {q.count === null
                    ? "—"
                    : q.more
                      ? t("home.countMore", { count: q.count })
                      : t(q.unit, { count: q.count })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
