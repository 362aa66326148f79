// The office's publications (news, opinion, press releases), narrowed by status and
// kind, kept in the URL (`?bagian=publikasi&status=review&jenis=news`: a link or a
// reload shows the same list; the CSV holds every one they select); each opens its page
// with the steps the API allows. A new draft is written above the list.
import { Button, Collapse, Group, NativeSelect, Stack, Table, Text } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { AppLink } from "../../components/AppLink";
import { CsvButton } from "../../components/CsvButton";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { articleFilters, type PreventionSearch } from "../../lib/prevention";
import { DEFAULT_ZONE } from "../../office";
import { ArticleForm } from "./ArticleForm";
import { NotForRole } from "./data";
import { KINDS, STATUSES, useArticles } from "./publicationData";
import { QueryState, useWords } from "./shared";
import { ArticleStatusChip } from "./StageChips";

export function PublicationsPanel(): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const search = useSearch({ from: "/pencegahan" });
  const navigate = useNavigate({ from: "/pencegahan" });
  const filters = articleFilters(search);
  const [writing, setWriting] = useState(false);
  const articles = useArticles(filters.kind, filters.status);

  function filter(change: Pick<PreventionSearch, "jenis" | "status">) {
    void navigate({ search: (s) => ({ ...s, ...change }) });
  }
  const all = { value: "", label: t("prev.art.all") };
  return (
    <Stack>
      {!(articles.error instanceof NotForRole) && (
        <Stack gap="xs">
          <Group>
            <Button variant={writing ? "default" : "filled"} onClick={() => setWriting((w) => !w)} aria-expanded={writing} aria-controls="new-article">
              {t("prev.art.new")}
            </Button>
          </Group>
          <Collapse expanded={writing} id="new-article">
            <ArticleForm />
          </Collapse>
        </Stack>
      )}
      <Group align="flex-end" role="search" aria-label={t("board.filters")}>
        <NativeSelect
          label={t("prev.art.status")}
          data={[all, ...STATUSES.map((s) => ({ value: s, label: label("prev.art.status", s) }))]}
          value={search.status ?? ""}
          onChange={(e) => filter({ status: (e.currentTarget.value || undefined) as PreventionSearch["status"] })}
        />
        <NativeSelect
          label={t("prev.art.kind")}
          data={[all, ...KINDS.map((k) => ({ value: k, label: label("prev.art.kind", k) }))]}
          value={search.jenis ?? ""}
          onChange={(e) => filter({ jenis: (e.currentTarget.value || undefined) as PreventionSearch["jenis"] })}
        />
        <CsvButton path="/api/v1/prevention/articles" query={filters} fallback="publikasi.csv" />
      </Group>
      {!articles.data ? (
        <QueryState query={articles} />
      ) : articles.data.length === 0 ? (
        <Text>{t("prev.art.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder data-testid="articles">
            <caption className="visually-hidden">{t("prev.art.list")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("prev.art.title")}</Table.Th>
                <Table.Th scope="col">{t("prev.art.kind")}</Table.Th>
                <Table.Th scope="col">{t("prev.art.status")}</Table.Th>
                <Table.Th scope="col">{t("prev.art.number")}</Table.Th>
                <Table.Th scope="col">{t("prev.art.author")}</Table.Th>
                <Table.Th scope="col">{t("prev.art.publishedOn")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {articles.data.map((a) => (
                <Table.Tr key={a.id} data-article={a.id}>
                  <Table.Th scope="row" fw={400}>
                    <AppLink to="/pencegahan/publikasi/$articleId" params={{ articleId: a.id }}>
                      {a.title}
                    </AppLink>
                  </Table.Th>
                  <Table.Td>{label("prev.art.kind", a.kind)}</Table.Td>
                  <Table.Td>
                    <ArticleStatusChip status={a.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{a.number ?? "—"}</Table.Td>
                  <Table.Td>{a.author}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{a.published_on ? formatDate(a.published_on, DEFAULT_ZONE, intl) : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
