// An article's text: a new draft (its kind chosen once, sent once with an
// Idempotency-Key, then its page opens), or a draft's text replaced whole with the
// version it read (If-Match; a newer one opens the conflict dialog and keeps the text).
import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { ConflictDialog } from "../../components/ConflictDialog";
import { DraftNotice, useDraft } from "../../components/Draft";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { errorAt } from "../case/write";
import type { Values } from "../fields";
import { KINDS, type Article, type ArticleKind } from "./publicationData";
import { useWords } from "./shared";

type Language = "id" | "en";

export function ArticleForm({ article, etag }: { article?: Article; etag?: string }): React.JSX.Element {
  const t = useT();
  const { label } = useWords();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [conflict, setConflict] = useState(false);
  const initial: Values = article
    ? { title: article.title, summary: article.summary ?? "", body: article.body, language: article.language }
    : { kind: "news", language: "id" };
  const w = useWrite(
    {
      onSaved: () => void queries.invalidateQueries({ queryKey: ["prevention"] }),
      onConflict: () => setConflict(true),
    },
    initial,
  );
  // An article's text is long: left unsaved, it waits here (a new one, or this draft's edit).
  const draft = useDraft("article", article?.id ?? null, w.values, w.reset);

  function submit(event: FormEvent) {
    event.preventDefault();
    const v = w.values;
    const text = { title: v.title ?? "", summary: v.summary?.trim() || null, body: v.body ?? "", language: (v.language ?? "id") as Language };
    if (article && etag) {
      void w.send(
        () =>
          api.PUT("/api/v1/prevention/articles/{article_id}", {
            params: { path: { article_id: article.id } },
            body: text,
            headers: { "If-Match": etag },
          }),
        () => draft.saved(v),
      );
      return;
    }
    let made: string | null = null;
    void w.send(
      async () => {
        const result = await api.POST("/api/v1/prevention/articles", {
          body: { ...text, kind: (v.kind ?? "news") as ArticleKind },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        });
        made = result.data?.id ?? null;
        return result;
      },
      () => {
        draft.saved(initial);
        if (made) void navigate({ to: "/pencegahan/publikasi/$articleId", params: { articleId: made } });
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={article ? t("prev.art.edit") : t("prev.art.newTitle")}>
      <Stack maw={760}>
        <Saved when={w.saved} message={article ? t("prev.art.edited") : t("prev.art.created")} />
        <DraftNotice draft={draft} />
        <General message={w.errors.general} />
        <Group grow align="flex-start">
          {!article && (
            <NativeSelect
              label={t("prev.art.kind")}
              data={KINDS.map((k) => ({ value: k, label: label("prev.art.kind", k) }))}
              {...w.bind("kind")}
              error={errorAt(w.errors, "kind")}
            />
          )}
          <NativeSelect
            label={t("prev.art.language")}
            data={(["id", "en"] as const).map((l) => ({ value: l, label: t(`prev.art.lang.${l}`) }))}
            {...w.bind("language")}
            error={errorAt(w.errors, "language")}
          />
        </Group>
        <TextInput label={t("prev.art.title")} required {...w.bind("title")} error={errorAt(w.errors, "title")} />
        <Textarea label={t("prev.art.summary")} autosize minRows={2} {...w.bind("summary")} error={errorAt(w.errors, "summary")} />
        <Textarea label={t("prev.art.body")} required autosize minRows={8} {...w.bind("body")} error={errorAt(w.errors, "body")} />
        <Group>
          <Button type="submit" loading={w.busy}>
            {article ? t("prev.art.editSave") : t("prev.art.create")}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog
        of="record"
        opened={conflict}
        onClose={() => setConflict(false)}
        onReload={() => {
          setConflict(false);
          if (article) void queries.invalidateQueries({ queryKey: ["prevention", "article", article.id] });
        }}
      />
    </form>
  );
}
