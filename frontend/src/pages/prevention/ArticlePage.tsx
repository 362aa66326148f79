// One article: its status, its press release number once published, the steps the API
// allows now (submit, approve or return, publish, withdraw), the draft's text to edit
// when the API allows this reader the edit (`allowed_actions`), and its history (who did what, when).
import { Alert, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { api } from "../../api/client";
import { AppLink } from "../../components/AppLink";
import { Fact, Section } from "../../components/Sections";
import { useT } from "../../i18n/locale";
import { formatDate, formatDateTime } from "../../lib/dates";
import { allows } from "../../lib/preventionWrite";
import { ARTICLE_ORDER, isBackward } from "../../lib/publications";
import { DEFAULT_ZONE, useOfficeZone } from "../../office";
import { ArticleForm } from "./ArticleForm";
import { HistoryTable } from "./HistoryTable";
import { useArticle, type ArticleStatus } from "./publicationData";
import { QueryState, useWords } from "./shared";
import { ArticleStatusChip } from "./StageChips";
import { StepsForm } from "./StepsForm";

export function ArticlePage(): React.JSX.Element {
  const t = useT();
  const zone = useOfficeZone();
  const { intl, label } = useWords();
  const queries = useQueryClient();
  const { articleId } = useParams({ from: "/pencegahan/publikasi/$articleId" });
  const query = useArticle(articleId);
  const back = (
    <AppLink to="/pencegahan" search={{ bagian: "publikasi" }}>
      {t("prev.art.back")}
    </AppLink>
  );
  if (query.data === null) return <Stack>{back}<Alert color="gray">{t("prev.art.notFound")}</Alert></Stack>;
  if (!query.data) return <Stack>{back}<QueryState query={query} /></Stack>;
  const { article: a, etag } = query.data;
  const reload = () => void queries.invalidateQueries({ queryKey: ["prevention", "article", a.id] });
  const steps = a.allowed_steps.map((to) => ({
    to,
    label: label(`prev.art.step.${a.status}`, to),
    backward: isBackward(a.status, to, ARTICLE_ORDER),
  }));
  return (
    <Stack>
      {back}
      <Title order={1} size="h2">
        {a.title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
        <Fact label={t("prev.art.kind")}>{label("prev.art.kind", a.kind)}</Fact>
        <Fact label={t("prev.art.status")}>
          <ArticleStatusChip status={a.status} />
        </Fact>
        <Fact label={t("prev.art.number")}>
          <span data-testid="article-number">{a.number ?? "—"}</span>
        </Fact>
        <Fact label={t("prev.art.author")}>{a.author}</Fact>
        <Fact label={t("prev.art.approvedBy")}>{a.approved_by ? `${a.approved_by}, ${formatDateTime(a.approved_at ?? "", zone, intl)}` : "—"}</Fact>
        <Fact label={t("prev.art.publishedOn")}>{a.published_on ? formatDate(a.published_on, DEFAULT_ZONE, intl) : "—"}</Fact>
      </SimpleGrid>
      <Section title={t("prev.art.steps")} id="art-steps">
        <StepsForm
          steps={steps}
          title={t("prev.art.steps")}
          empty={t("prev.art.noSteps")}
          moved={t("prev.art.moved")}
          onMoved={() => void queries.invalidateQueries({ queryKey: ["prevention"] })}
          onReload={reload}
          send={(to, note) =>
            api.POST("/api/v1/prevention/articles/{article_id}/status", {
              params: { path: { article_id: a.id } },
              body: { status: to as ArticleStatus, note },
              headers: { "If-Match": etag },
            })
          }
        />
      </Section>
      {allows(a, "edit") ? (
        <Section title={t("prev.art.edit")} id="art-edit">
          <ArticleForm article={a} etag={etag} />
        </Section>
      ) : (
        <Section title={t("prev.art.body")} id="art-text">
          {a.summary && <Text fw={700}>{a.summary}</Text>}
          <Text style={{ whiteSpace: "pre-wrap" }} lang={a.language}>
            {a.body}
          </Text>
        </Section>
      )}
      <Section title={t("prev.hist.title")} id="art-history">
        <HistoryTable history={a.history} caption={t("prev.hist.title")} />
      </Section>
    </Stack>
  );
}
