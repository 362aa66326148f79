// The app's routes, typed: each page's URL search parameters are validated here, so a
// link or a bookmark with bad parameters lands on a page that still works.
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from "@tanstack/react-router";
import { session } from "./auth/session";
import type { StaffArea } from "./i18n/areas";
import { loadScreenTexts } from "./i18n/messages";
import { Layout } from "./components/Layout";
import { LoadFailed } from "./components/LoadFailed";
// The staff screens' search parameters from a module of their own, not from each area's
// logic module, which the entry chunk would then carry whole (lib/routeSearch.ts).
import { adminSearch, boardSearch, importSearch, internSearch, kpiSearch, moriSearch, preventionSearch, queueSearch, yearParam } from "./lib/routeSearch";
import { PublicReportPage } from "./pages/PublicReport";
import { SignInPage } from "./pages/SignIn";
import { TrackPage } from "./pages/Track";

// The entry chunk renders these screens on its own; every other screen first loads the
// rest of Mantine's styles and the Indonesian of the public pages' areas, and a staff
// screen its own area's words too (staffScreen below; issue 21: the entry's pages, on
// slow phone connections, download none of it, the other public pages no staff area's).
// Awaited here, at the root, so a screen never renders unstyled or with message ids.
const ENTRY_SCREENS = ["/masuk", "/lapor", "/lacak"];

function loadScreens(path: string): Promise<unknown> | undefined {
  if (ENTRY_SCREENS.includes(path)) return undefined;
  return Promise.all([import("./styles/screens"), loadScreenTexts()]);
}

const root = createRootRoute({
  component: Layout,
  beforeLoad: ({ location }) => loadScreens(location.pathname),
});

// A staff screen: signed in, and its area's words here before it renders (areas.ts: each
// area's files, with the shared staff part), never every area's (issue 21).
function staffScreen(area: StaffArea) {
  return ({ location }: { location: { href: string } }): Promise<void> => {
    if (!session.signedIn()) {
      throw redirect({ to: "/masuk", search: { kembali: location.href } });
    }
    return loadScreenTexts([area]);
  };
}

const signIn = createRoute({
  getParentRoute: () => root,
  path: "/masuk",
  validateSearch: (search: Record<string, unknown>): { kembali?: string } => {
    const back = search.kembali;
    // Only a path of this app: never an address elsewhere (an open redirect).
    return typeof back === "string" && back.startsWith("/") && !back.startsWith("//") ? { kembali: back } : {};
  },
  component: SignInPage,
});

// Staff screens load on first use: the public pages, opened on slow phone connections,
// never download them.
const home = createRoute({
  getParentRoute: () => root,
  path: "/",
  beforeLoad: staffScreen("home"),
  component: lazyRouteComponent(() => import("./pages/Home"), "HomePage"),
});

// The Sahabat Ombudsman member's own screen (role `community_member`).
const sahabat = createRoute({
  getParentRoute: () => root,
  path: "/sahabat",
  beforeLoad: staffScreen("community"),
  component: lazyRouteComponent(() => import("./pages/sahabat/MemberPage"), "MemberPage"),
});

const register = createRoute({
  getParentRoute: () => root,
  path: "/registrasi",
  beforeLoad: staffScreen("intake"),
  component: lazyRouteComponent(() => import("./pages/Register"), "RegisterPage"),
});

const board = createRoute({
  getParentRoute: () => root,
  path: "/pemeriksaan",
  beforeLoad: staffScreen("examination"),
  validateSearch: boardSearch,
  component: lazyRouteComponent(() => import("./pages/Board"), "BoardPage"),
});

const casePage = createRoute({
  getParentRoute: () => root,
  path: "/pemeriksaan/$caseId",
  beforeLoad: staffScreen("examination"),
  component: lazyRouteComponent(() => import("./pages/case/CasePage"), "CasePage"),
});

const verification = createRoute({
  getParentRoute: () => root,
  path: "/verifikasi",
  beforeLoad: staffScreen("intake"),
  validateSearch: queueSearch,
  component: lazyRouteComponent(() => import("./pages/Verification"), "VerificationPage"),
});

const reportPage = createRoute({
  getParentRoute: () => root,
  path: "/verifikasi/$reportId",
  beforeLoad: staffScreen("intake"),
  component: lazyRouteComponent(() => import("./pages/report/ReportPage"), "ReportPage"),
});

// Intake's records: archive files and their lending.
const archive = createRoute({
  getParentRoute: () => root,
  path: "/arsip",
  beforeLoad: staffScreen("intake"),
  component: lazyRouteComponent(() => import("./pages/records/ArchivePage"), "ArchivePage"),
});

const desk = createRoute({
  getParentRoute: () => root,
  path: "/meja-layanan",
  beforeLoad: staffScreen("consultation"),
  component: lazyRouteComponent(() => import("./pages/desk/QueuePage"), "QueuePage"),
});

const checkIn = createRoute({
  getParentRoute: () => root,
  path: "/meja-layanan/daftar",
  beforeLoad: staffScreen("consultation"),
  component: lazyRouteComponent(() => import("./pages/desk/CheckInPage"), "CheckInPage"),
});

const visitPage = createRoute({
  getParentRoute: () => root,
  path: "/meja-layanan/$visitId",
  beforeLoad: staffScreen("consultation"),
  component: lazyRouteComponent(() => import("./pages/desk/VisitPage"), "VisitPage"),
});

const kpi = createRoute({
  getParentRoute: () => root,
  path: "/kinerja",
  beforeLoad: staffScreen("kpi"),
  validateSearch: kpiSearch,
  component: lazyRouteComponent(() => import("./pages/kpi/KpiPage"), "KpiPage"),
});

// Administration: users and roles, offices, API clients, webhook subscriptions.
const admin = createRoute({
  getParentRoute: () => root,
  path: "/admin",
  beforeLoad: staffScreen("admin"),
  validateSearch: adminSearch,
  component: lazyRouteComponent(() => import("./pages/admin/AdminPage"), "AdminPage"),
});

const publicReport = createRoute({
  getParentRoute: () => root,
  path: "/lapor",
  validateSearch: (search: Record<string, unknown>): { kantor?: string } =>
    typeof search.kantor === "string" && /^[A-Z0-9_-]{2,32}$/.test(search.kantor) ? { kantor: search.kantor } : {},
  component: PublicReportPage,
});

const track = createRoute({
  getParentRoute: () => root,
  path: "/lacak",
  validateSearch: (search: Record<string, unknown>): { nomor?: string } =>
    typeof search.nomor === "string" && search.nomor.length <= 64 ? { nomor: search.nomor } : {},
  component: TrackPage,
});

// The reporter's satisfaction survey (public, no login): the link intake sends after a
// case closes, and the tracking page offers.
const survey = createRoute({
  getParentRoute: () => root,
  path: "/survei/$token",
  component: lazyRouteComponent(() => import("./pages/survey/SurveyPage"), "SurveyPage"),
});

// The Red Button (public, no login) and the protection officers' restricted area.
const redButton = createRoute({
  getParentRoute: () => root,
  path: "/tombol-merah",
  validateSearch: (search: Record<string, unknown>): { kantor?: string } =>
    typeof search.kantor === "string" && /^[A-Za-z0-9_-]{1,32}$/.test(search.kantor) ? { kantor: search.kantor } : {},
  component: lazyRouteComponent(() => import("./pages/redbutton/RaisePage"), "RedButtonPage"),
});

const redButtonMessages = createRoute({
  getParentRoute: () => root,
  path: "/tombol-merah/pesan",
  component: lazyRouteComponent(() => import("./pages/redbutton/MessagesPage"), "RedButtonMessagesPage"),
});

const protectionCases = createRoute({
  getParentRoute: () => root,
  path: "/perlindungan",
  beforeLoad: staffScreen("protection"),
  component: lazyRouteComponent(() => import("./pages/redbutton/CasesPage"), "ProtectionCasesPage"),
});

const protectionCase = createRoute({
  getParentRoute: () => root,
  path: "/perlindungan/$caseId",
  beforeLoad: staffScreen("protection"),
  component: lazyRouteComponent(() => import("./pages/redbutton/CasePage"), "ProtectionCasePage"),
});

const protectionAlerts = createRoute({
  getParentRoute: () => root,
  path: "/perlindungan/peringatan",
  beforeLoad: staffScreen("protection"),
  component: lazyRouteComponent(() => import("./pages/redbutton/AlertsPage"), "ProtectionAlertsPage"),
});

const protectionContacts = createRoute({
  getParentRoute: () => root,
  path: "/perlindungan/kontak",
  beforeLoad: staffScreen("protection"),
  component: lazyRouteComponent(() => import("./pages/redbutton/ContactsPage"), "AlertContactsPage"),
});

const institutionFormats = createRoute({
  getParentRoute: () => root,
  path: "/format-institusi",
  beforeLoad: staffScreen("internship"),
  component: lazyRouteComponent(() => import("./pages/internship/formats/FormatsPage"), "InstitutionFormatsPage"),
});

// The internship's public pages (no login).
const internshipApply = createRoute({
  getParentRoute: () => root,
  path: "/magang/daftar",
  validateSearch: (search: Record<string, unknown>): { kantor?: string } =>
    typeof search.kantor === "string" && /^[A-Za-z0-9_-]{1,32}$/.test(search.kantor) ? { kantor: search.kantor } : {},
  component: lazyRouteComponent(() => import("./pages/internship/ApplyPage"), "InternshipApplyPage"),
});

const internshipStatus = createRoute({
  getParentRoute: () => root,
  path: "/magang/status",
  component: lazyRouteComponent(() => import("./pages/internship/StatusPage"), "InternshipStatusPage"),
});

const internshipCheck = createRoute({
  getParentRoute: () => root,
  path: "/magang/cek/$code",
  component: lazyRouteComponent(() => import("./pages/internship/CheckPage"), "InternshipCheckPage"),
});

// Prevention: the staff screens, and the public results and certificate check (no login).
const prevention = createRoute({
  getParentRoute: () => root,
  path: "/pencegahan",
  beforeLoad: staffScreen("prevention"),
  validateSearch: preventionSearch,
  component: lazyRouteComponent(() => import("./pages/prevention/PreventionPage"), "PreventionPage"),
});

const preventionAssessment = createRoute({
  getParentRoute: () => root,
  path: "/pencegahan/penilaian/$assessmentId",
  beforeLoad: staffScreen("prevention"),
  component: lazyRouteComponent(() => import("./pages/prevention/AssessmentPage"), "AssessmentPage"),
});

const preventionAgreement = createRoute({
  getParentRoute: () => root,
  path: "/pencegahan/kerja-sama/$agreementId",
  beforeLoad: staffScreen("prevention"),
  component: lazyRouteComponent(() => import("./pages/prevention/AgreementPage"), "AgreementPage"),
});

const preventionClinic = createRoute({
  getParentRoute: () => root,
  path: "/pencegahan/klinik/$clinicId",
  beforeLoad: staffScreen("prevention"),
  component: lazyRouteComponent(() => import("./pages/prevention/ClinicPage"), "ClinicPage"),
});

const preventionStudy = createRoute({
  getParentRoute: () => root,
  path: "/pencegahan/kajian/$studyId",
  beforeLoad: staffScreen("prevention"),
  component: lazyRouteComponent(() => import("./pages/prevention/StudyPage"), "StudyPage"),
});

const preventionArticle = createRoute({
  getParentRoute: () => root,
  path: "/pencegahan/publikasi/$articleId",
  component: lazyRouteComponent(() => import("./pages/prevention/ArticlePage"), "ArticlePage"),
});

const preventionVillage = createRoute({
  getParentRoute: () => root,
  path: "/pencegahan/desa/$villageId",
  component: lazyRouteComponent(() => import("./pages/prevention/VillagePage"), "VillagePage"),
});

// Published articles, for anyone (no login).
const publicArticles = createRoute({
  getParentRoute: () => root,
  path: "/publikasi",
  component: lazyRouteComponent(() => import("./pages/prevention/PublicArticlesPage"), "PublicArticlesPage"),
});

const complianceResults = createRoute({
  getParentRoute: () => root,
  path: "/kepatuhan",
  validateSearch: (search: Record<string, unknown>): { tahun?: number } => {
    const year = yearParam(search.tahun);
    return year === undefined ? {} : { tahun: year };
  },
  component: lazyRouteComponent(() => import("./pages/prevention/ResultsPage"), "ResultsPage"),
});

const clinicCertificate = createRoute({
  getParentRoute: () => root,
  path: "/klinik/cek/$code",
  component: lazyRouteComponent(() => import("./pages/prevention/CertificatePage"), "CertificatePage"),
});

// The intern's own screens (role `intern`): attendance, logbook, learning library.
const intern = createRoute({
  getParentRoute: () => root,
  path: "/peserta-magang",
  beforeLoad: staffScreen("intern"),
  validateSearch: internSearch,
  component: lazyRouteComponent(() => import("./pages/intern/InternPage"), "InternPage"),
});

// The internship's staff screens: applications, cohorts, supervision, completion.
const mori = createRoute({
  getParentRoute: () => root,
  path: "/mori",
  beforeLoad: staffScreen("internship"),
  validateSearch: moriSearch,
  component: lazyRouteComponent(() => import("./pages/mori/MoriPage"), "MoriPage"),
});

// Integration: imports of old records and the portal (LAPOR!) sync, the head's.
const imports = createRoute({
  getParentRoute: () => root,
  path: "/integrasi/impor",
  beforeLoad: staffScreen("integration"),
  validateSearch: importSearch,
  component: lazyRouteComponent(() => import("./pages/integration/ImportsPage"), "ImportsPage"),
});

const portalSync = createRoute({
  getParentRoute: () => root,
  path: "/integrasi/portal",
  beforeLoad: staffScreen("integration"),
  component: lazyRouteComponent(() => import("./pages/integration/PortalPage"), "PortalPage"),
});

export const router = createRouter({
  routeTree: root.addChildren([signIn, home, sahabat, register, board, casePage, verification, reportPage, archive, desk, checkIn, visitPage, kpi, admin, publicReport, track, survey, redButton, redButtonMessages, protectionCases, protectionCase, protectionAlerts, protectionContacts, institutionFormats, internshipApply, internshipStatus, internshipCheck, prevention, preventionAssessment, preventionAgreement, preventionClinic, preventionStudy, preventionArticle, preventionVillage, publicArticles, complianceResults, clinicCertificate, intern, mori, imports, portalSync]),
  defaultPreload: false,
  // A screen that could not load (its words or code lost to a dropped connection) says
  // so in the user's language and offers to try again.
  defaultErrorComponent: LoadFailed,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
