// Intake's records: the letter agenda (Letters.tsx), and archive lending: the office's
// archive files with who holds them, a file added, a file lent (borrower, due date,
// purpose) and returned, and the lending list printed to sign (Daftar Peminjaman Arsip,
// the API's PDF) or saved as CSV (the same state's loans, every one).
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Table, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fetchFile, openToPrint } from "../../api/files";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { CsvButton } from "../../components/CsvButton";
import { Section } from "../../components/Sections";
import { General, Saved, useWrite } from "../../components/Write";
import { useLocale, useT } from "../../i18n/locale";
import { formatDate, todayIn } from "../../lib/dates";
import { useOfficeZone } from "../../office";
import { errorAt } from "../case/write";
import { LettersSection } from "./Letters";
import { DateField } from "../../components/DateFields";

type ArchiveFile = components["schemas"]["ArchiveFilePublic"];
type LoanPage = components["schemas"]["Page_LoanPublic_"];
const NOOP = () => undefined;

export function ArchivePage(): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const [lending, setLending] = useState<ArchiveFile | null>(null);
  const files = useQuery({
    queryKey: ["archive", "files"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/archive/files");
      if (error) throw new Error("files");
      return data.items;
    },
  });
  const refresh = () => void queries.invalidateQueries({ queryKey: ["archive"] });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("archive.title")}
      </Title>
      <LettersSection />
      <Section title={t("archive.files")} id="archive-files">
        {files.isError && <Alert color="red">{t("form.error")}</Alert>}
        {files.data && files.data.length === 0 && <Alert color="gray">{t("archive.noFiles")}</Alert>}
        {files.data && files.data.length > 0 && (
          <Table withTableBorder striped data-testid="archive-files">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("archive.code")}</Table.Th>
                <Table.Th scope="col">{t("archive.fileTitle")}</Table.Th>
                <Table.Th scope="col">{t("archive.location")}</Table.Th>
                <Table.Th scope="col">{t("board.status")}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t("roster.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.data.map((f) => (
                <Table.Tr key={f.id} data-file={f.code}>
                  <Table.Td>{f.code}</Table.Td>
                  <Table.Th scope="row" fw={400}>
                    {f.title}
                  </Table.Th>
                  <Table.Td>{f.location ?? "—"}</Table.Td>
                  <Table.Td>
                    <Badge variant={f.on_loan ? "filled" : "outline"} color="dark" tt="none">
                      {f.on_loan ? t("archive.onLoan") : t("archive.inPlace")}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {!f.on_loan && (
                      <Button size="xs" variant="light" onClick={() => setLending(f)} aria-label={t("archive.lendOne", { name: f.code })}>
                        {t("archive.lend")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {lending ? (
        <LendForm key={lending.id} file={lending} onDone={() => setLending(null)} onSaved={refresh} />
      ) : (
        <AddFile onSaved={refresh} />
      )}
      <Loans onSaved={refresh} />
    </Stack>
  );
}

function AddFile({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const w = useWrite({ onSaved, onConflict: NOOP });
  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    void w.send(
      () =>
        api.POST("/api/v1/intake/archive/files", {
          body: { code: v.code ?? "", title: v.title ?? "", location: v.location || null },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        }),
      () => ["code", "title", "location"].forEach((f) => w.set(f, "")),
    );
  }
  return (
    <Section title={t("archive.add")} id="archive-add">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Saved when={w.saved} message={t("archive.added")} />
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <TextInput label={t("archive.code")} required {...w.bind("code")} error={errorAt(w.errors, "code")} />
            <TextInput label={t("archive.fileTitle")} required {...w.bind("title")} error={errorAt(w.errors, "title")} />
            <TextInput label={t("archive.location")} {...w.bind("location")} error={errorAt(w.errors, "location")} />
          </Group>
          <Group>
            <Button type="submit" loading={w.busy}>
              {t("archive.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function LendForm({ file, onDone, onSaved }: { file: ArchiveFile; onDone: () => void; onSaved: () => void }) {
  const t = useT();
  const zone = useOfficeZone();
  const w = useWrite({ onSaved, onConflict: NOOP }, { due_on: todayIn(zone) });
  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    void w.send(
      () =>
        api.POST("/api/v1/intake/archive/files/{file_id}/loans", {
          params: { path: { file_id: file.id } },
          body: { borrower: v.borrower ?? "", purpose: v.purpose || null, due_on: v.due_on ?? "" },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        }),
      onDone,
    );
  }
  return (
    <Section title={t("archive.lendTitle", { name: `${file.code} — ${file.title}` })} id="archive-lend">
      <form onSubmit={submit} noValidate>
        <Stack>
          <General message={w.errors.general} />
          <Group grow align="flex-start">
            <TextInput label={t("archive.borrower")} required {...w.bind("borrower")} error={errorAt(w.errors, "borrower")} />
            <DateField label={t("archive.due")} required {...w.bind("due_on")} error={errorAt(w.errors, "due_on")} />
            <TextInput label={t("archive.purpose")} {...w.bind("purpose")} error={errorAt(w.errors, "purpose")} />
          </Group>
          <Group>
            <Button type="submit" loading={w.busy}>
              {t("archive.lend")}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t("dup.cancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function Loans({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const zone = useOfficeZone();
  const intlLocale = locale === "id" ? "id-ID" : "en-GB";
  const [state, setState] = useState<"open" | "all">("open");
  const [failed, setFailed] = useState(false);
  const w = useWrite({ onSaved, onConflict: NOOP });
  const loans = useQuery({
    queryKey: ["archive", "loans", state],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/intake/archive/loans", { params: { query: { state } } });
      if (error) throw new Error("loans");
      // The listing answers JSON or CSV; JSON was asked for.
      return (data as LoanPage).items;
    },
  });
  async function print() {
    setFailed(false);
    try {
      openToPrint(await fetchFile(`/api/v1/intake/archive/loans/print?state=${state}`, "application/pdf", "peminjaman-arsip.pdf"));
    } catch {
      setFailed(true);
    }
  }
  return (
    <Section title={t("archive.loans")} id="archive-loans">
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t("archive.loans")}
          value={state}
          onChange={(v) => setState(v as "open" | "all")}
          data={[
            { value: "open", label: t("archive.loansOpen") },
            { value: "all", label: t("archive.loansAll") },
          ]}
        />
        <Group gap="xs">
          <CsvButton path="/api/v1/intake/archive/loans" query={{ state }} fallback={`peminjaman-arsip-${state}.csv`} />
          <Button variant="default" onClick={() => void print()}>
            {t("archive.print")}
          </Button>
        </Group>
      </Group>
      {failed && <Alert color="red" role="alert">{t("visit.downloadFailed")}</Alert>}
      <Saved when={w.saved} message={t("archive.returned")} />
      <General message={w.errors.general} />
      {loans.data && loans.data.length === 0 && <Alert color="gray">{t("archive.noLoans")}</Alert>}
      {loans.data && loans.data.length > 0 && (
        <Table withTableBorder striped data-testid="archive-loans">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("archive.code")}</Table.Th>
              <Table.Th scope="col">{t("archive.borrower")}</Table.Th>
              <Table.Th scope="col">{t("archive.borrowed")}</Table.Th>
              <Table.Th scope="col">{t("archive.due")}</Table.Th>
              <Table.Th scope="col">{t("board.status")}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t("roster.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loans.data.map((l) => (
              <Table.Tr key={l.id} data-loan={l.file_code}>
                <Table.Th scope="row" fw={400}>
                  {l.file_code} — {l.file_title}
                </Table.Th>
                <Table.Td>{l.borrower}</Table.Td>
                <Table.Td>{formatDate(l.borrowed_at, zone, intlLocale)}</Table.Td>
                <Table.Td>{formatDate(l.due_on, zone, intlLocale)}</Table.Td>
                <Table.Td>
                  {l.returned_at ? t("archive.back", { date: formatDate(l.returned_at, zone, intlLocale) }) : l.overdue ? t("archive.overdue") : t("archive.onLoan")}
                </Table.Td>
                <Table.Td>
                  {!l.returned_at && (
                    <Button
                      size="xs"
                      variant="light"
                      loading={w.busy}
                      onClick={() => void w.send(() => api.POST("/api/v1/intake/archive/loans/{loan_id}/return", { params: { path: { loan_id: l.id } } }))}
                      aria-label={t("archive.returnOne", { name: l.file_code })}
                    >
                      {t("archive.return")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
