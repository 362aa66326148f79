// The office's social media log of a year: posts, reach, impressions and engagement per
// platform (and all of them), each post with its figures to read again; a post logged
// by hand or a sheet imported above.
import { Anchor, Button, Collapse, Group, Stack, Table, Text, Title } from "@mantine/core";
import { Fragment, useState } from "react";
import { Saved } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { formatDate } from "../../lib/dates";
import { allPlatforms } from "../../lib/publications";
import { DEFAULT_ZONE } from "../../office";
import { NotForRole } from "./data";
import { PostImport } from "./PostImport";
import { FiguresForm, PostForm } from "./PostForms";
import { usePosts, type Post } from "./publicationData";
import { QueryState, useWords } from "./shared";

export function SocialMediaPanel({ year, today }: { year: number; today: string }): React.JSX.Element {
  const t = useT();
  const posts = usePosts(year);
  const [open, setOpen] = useState<"add" | "import" | null>(null);
  const toggle = (which: "add" | "import") => setOpen((o) => (o === which ? null : which));
  return (
    <Stack>
      {!(posts.error instanceof NotForRole) && (
        <Stack gap="xs">
          <Group>
            <Button variant={open === "add" ? "default" : "filled"} onClick={() => toggle("add")} aria-expanded={open === "add"} aria-controls="new-post">
              {t("prev.sm.add")}
            </Button>
            <Button variant="default" onClick={() => toggle("import")} aria-expanded={open === "import"} aria-controls="import-posts">
              {t("prev.sm.import")}
            </Button>
          </Group>
          <Collapse expanded={open === "add"} id="new-post">
            <PostForm today={today} />
          </Collapse>
          <Collapse expanded={open === "import"} id="import-posts">
            <PostImport />
          </Collapse>
        </Stack>
      )}
      {!posts.data ? <QueryState query={posts} /> : <Tables year={year} posts={posts.data.posts} totals={posts.data.totals} />}
    </Stack>
  );
}

function Tables({ year, posts, totals }: { year: number; posts: Post[]; totals: Parameters<typeof allPlatforms>[0] }): React.JSX.Element {
  const t = useT();
  const { intl, label } = useWords();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const n = (value: number) => value.toLocaleString(intl);
  const sum = allPlatforms(totals);
  const figures = (r: { posts: number; reach: number; impressions: number; engagement: number }) =>
    (["posts", "reach", "impressions", "engagement"] as const).map((k) => (
      <Table.Td key={k} ta="right">
        {n(r[k])}
      </Table.Td>
    ));
  const heads = (["posts", "reach", "impressions", "engagement"] as const).map((k) => (
    <Table.Th key={k} scope="col" ta="right">
      {t(`prev.sm.${k}`)}
    </Table.Th>
  ));
  return (
    <Stack>
      <Title order={2} size="h3" id="sm-totals">
        {t("prev.sm.totals", { year: String(year) })}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table striped withTableBorder data-testid="platform-totals" aria-labelledby="sm-totals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("prev.sm.platform")}</Table.Th>
              {heads}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {totals.map((r) => (
              <Table.Tr key={r.platform} data-platform={r.platform}>
                <Table.Th scope="row" fw={400}>
                  {label("prev.sm.platform", r.platform)}
                </Table.Th>
                {figures(r)}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr data-platform="all">
              <Table.Th scope="row">{t("prev.sm.allPlatforms")}</Table.Th>
              {figures(sum)}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <Title order={2} size="h3" id="sm-posts">
        {t("prev.sm.list", { year: String(year) })}
      </Title>
      <Saved when={saved} message={t("prev.sm.figuresSaved")} />
      {posts.length === 0 ? (
        <Text>{t("prev.sm.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder data-testid="posts" aria-labelledby="sm-posts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("prev.sm.postedOn")}</Table.Th>
                <Table.Th scope="col">{t("prev.sm.platform")}</Table.Th>
                <Table.Th scope="col">{t("prev.sm.url")}</Table.Th>
                {heads.slice(1)}
                <Table.Th scope="col">{t("prev.sm.source")}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t("prev.sm.editFigures")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {posts.map((p) => {
                const title = t("prev.sm.figuresOf", { platform: label("prev.sm.platform", p.platform), day: formatDate(p.posted_on, DEFAULT_ZONE, intl) });
                return (
                  <Fragment key={p.id}>
                    <Table.Tr data-post={p.id}>
                      <Table.Th scope="row" fw={400} style={{ whiteSpace: "nowrap" }}>
                        {formatDate(p.posted_on, DEFAULT_ZONE, intl)}
                      </Table.Th>
                      <Table.Td>{label("prev.sm.platform", p.platform)}</Table.Td>
                      <Table.Td style={{ wordBreak: "break-all" }}>
                        <Anchor href={p.url} target="_blank" rel="noreferrer noopener">
                          {p.caption || p.url}
                        </Anchor>
                      </Table.Td>
                      {figures({ posts: 0, ...p }).slice(1)}
                      <Table.Td>{label("prev.sm.source", p.source)}</Table.Td>
                      <Table.Td>
                        <Button size="compact-sm" variant="default" onClick={() => setEditing(editing === p.id ? null : p.id)} aria-expanded={editing === p.id} aria-label={`${t("prev.sm.editFigures")}: ${title}`}>
                          {t("prev.sm.editFigures")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {editing === p.id && (
                      <Table.Tr>
                        <Table.Td colSpan={8}>
                          <FiguresForm
                            post={p}
                            title={title}
                            onDone={() => setEditing(null)}
                            onSaved={() => {
                              setEditing(null);
                              setSaved(true);
                            }}
                          />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
