// The public page of published articles (no login, no tracker, nothing from another
// origin): news, opinion pieces and press releases, latest first, each with its date,
// its office and, for a press release, its number; the text opens in place.
import { Alert, Badge, Button, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { DEFAULT_ZONE } from "../../office";
import { usePublishedArticles, type PublishedArticle } from "./publicationData";
import { useWords } from "./shared";

export function PublicArticlesPage(): React.JSX.Element {
  const t = useT();
  // Each page's cursor: "Show more" adds the next page under those already shown.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return (
    <Stack maw={820}>
      <Title order={1} size="h2">
        {t("prev.pubs.title")}
      </Title>
      <Text>{t("prev.pubs.intro")}</Text>
      {cursors.map((cursor, i) => (
        <ArticlesPage key={cursor ?? "first"} cursor={cursor} first={i === 0} onMore={i === cursors.length - 1 ? (next) => setCursors((c) => [...c, next]) : undefined} />
      ))}
    </Stack>
  );
}

function ArticlesPage({ cursor, first, onMore }: { cursor: string | undefined; first: boolean; onMore?: (next: string) => void }): React.JSX.Element {
  const t = useT();
  const page = usePublishedArticles(cursor);
  if (page.isPending) return <Loader role="status" aria-label={t("common.loading")} />;
  if (page.isError || !page.data) return <Alert color="red">{t("form.error")}</Alert>;
  const { items, next_cursor: next } = page.data;
  if (first && items.length === 0) return <Alert color="gray">{t("prev.pubs.none")}</Alert>;
  return (
    <Stack component="section" gap="md" aria-label={first ? t("prev.pubs.title") : undefined}>
      {items.map((a) => (
        <ArticleCard key={a.id} article={a} />
      ))}
      {onMore && next && (
        <Group>
          <Button variant="default" onClick={() => onMore(next)}>
            {t("prev.pubs.more")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function ArticleCard({ article: a }: { article: PublishedArticle }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  return (
    <article data-article={a.id} lang={a.language} style={{ borderBottom: "1px solid var(--mantine-color-gray-4)", paddingBottom: "var(--mantine-spacing-md)" }}>
      <Group gap="xs" mb={4}>
        <Badge variant="outline" color="dark">
          {label("prev.art.kind", a.kind)}
        </Badge>
        <Text size="sm" component="span">
          <time dateTime={a.published_on}>{formatDate(a.published_on, DEFAULT_ZONE, intl)}</time>
          {` · ${t("prev.pubs.office")} ${a.office}`}
        </Text>
        {a.number && (
          <Text size="sm" component="span" data-testid="public-number">
            {`${t("prev.art.number")} ${a.number}`}
          </Text>
        )}
      </Group>
      <Title order={2} size="h3">
        {a.title}
      </Title>
      {a.summary && <Text mt={4}>{a.summary}</Text>}
      <details>
        <summary>{t("prev.pubs.read")}</summary>
        <Text style={{ whiteSpace: "pre-wrap" }} mt="xs">
          {a.body}
        </Text>
      </details>
    </article>
  );
}
