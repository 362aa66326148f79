// A social media post logged by hand (sent once, Idempotency-Key) and its figures read
// again later (reach grows for days), sent with the version read (If-Match). Counts
// are typed as platforms print them (`12.345`); one that is not a count is said at its
// field before anything is sent.
import { Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import { ConflictDialog } from "../../components/ConflictDialog";
import { General, Saved, useWrite } from "../../components/Write";
import { useT } from "../../i18n/locale";
import { countOf } from "../../lib/publications";
import { errorAt } from "../case/write";
import { PLATFORMS, type Platform, type Post } from "./publicationData";
import { useWords } from "./shared";
import { DateField } from "../../components/DateFields";

const FIGURES = ["reach", "impressions", "engagement"] as const;

function useCounts(w: ReturnType<typeof useWrite>) {
  const t = useT();
  // The three counts, or null after naming each one that is not a count at its field.
  return (): Record<(typeof FIGURES)[number], number> | null => {
    const fields: Record<string, string> = {};
    const out = { reach: 0, impressions: 0, engagement: 0 };
    for (const name of FIGURES) {
      const value = countOf(w.values[name] ?? "");
      if (value === null) fields[name] = t("prev.sm.notCount");
      else out[name] = value;
    }
    if (Object.keys(fields).length > 0) {
      w.setErrors({ fields, general: null });
      return null;
    }
    return out;
  };
}

function CountFields({ w }: { w: ReturnType<typeof useWrite> }): React.JSX.Element {
  const t = useT();
  return (
    <Group grow align="flex-start">
      {FIGURES.map((name) => (
        <TextInput key={name} label={t(`prev.sm.${name}`)} required inputMode="numeric" {...w.bind(name)} error={errorAt(w.errors, name)} />
      ))}
    </Group>
  );
}

export function PostForm({ today }: { today: string }): React.JSX.Element {
  const t = useT();
  const { label } = useWords();
  const queries = useQueryClient();
  const w = useWrite({ onSaved: () => void queries.invalidateQueries({ queryKey: ["prevention", "posts"] }), onConflict: () => undefined }, { platform: "instagram", posted_on: today });
  const counts = useCounts(w);

  function submit(event: FormEvent) {
    event.preventDefault();
    const figures = counts();
    if (!figures) return;
    const v = w.values;
    void w.send(
      () =>
        api.POST("/api/v1/prevention/social-media", {
          body: { ...figures, platform: (v.platform ?? "instagram") as Platform, url: v.url ?? "", posted_on: v.posted_on ?? "", caption: v.caption?.trim() || null },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        }),
      () => w.reset({ platform: v.platform ?? "instagram", posted_on: today }),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("prev.sm.addTitle")}>
      <Stack maw={760}>
        <Saved when={w.saved} message={t("prev.sm.added")} />
        <General message={w.errors.general} />
        <Group grow align="flex-start">
          <NativeSelect
            label={t("prev.sm.platform")}
            data={PLATFORMS.map((p) => ({ value: p, label: label("prev.sm.platform", p) }))}
            {...w.bind("platform")}
            error={errorAt(w.errors, "platform")}
          />
          <DateField label={t("prev.sm.postedOn")} required {...w.bind("posted_on")} error={errorAt(w.errors, "posted_on")} />
        </Group>
        <TextInput type="url" label={t("prev.sm.url")} required placeholder="https://" {...w.bind("url")} error={errorAt(w.errors, "url")} />
        <TextInput label={t("prev.sm.caption")} {...w.bind("caption")} error={errorAt(w.errors, "caption")} />
        <CountFields w={w} />
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("prev.sm.addSave")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function FiguresForm({ post, title, onDone, onSaved }: { post: Post; title: string; onDone: () => void; onSaved: () => void }): React.JSX.Element {
  const t = useT();
  const queries = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const [etag, setEtag] = useState(`"${post.version}"`);
  const w = useWrite(
    { onSaved: () => void queries.invalidateQueries({ queryKey: ["prevention", "posts"] }), onConflict: () => setConflict(true) },
    { reach: String(post.reach), impressions: String(post.impressions), engagement: String(post.engagement) },
  );
  const counts = useCounts(w);

  function submit(event: FormEvent) {
    event.preventDefault();
    const figures = counts();
    if (!figures) return;
    void w.send(() => api.PUT("/api/v1/prevention/social-media/{post_id}/figures", { params: { path: { post_id: post.id } }, body: figures, headers: { "If-Match": etag } }), onSaved);
  }

  async function reload() {
    setConflict(false);
    const { data, response } = await api.GET("/api/v1/prevention/social-media/{post_id}", { params: { path: { post_id: post.id } } });
    if (data) setEtag(response.headers.get("ETag") ?? `"${data.version}"`);
    void queries.invalidateQueries({ queryKey: ["prevention", "posts"] });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <Stack maw={640} gap="xs">
        <General message={w.errors.general} />
        <CountFields w={w} />
        <Group>
          <Button type="submit" loading={w.busy}>
            {t("prev.sm.figuresSave")}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t("common.close")}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog of="record" opened={conflict} onClose={() => setConflict(false)} onReload={() => void reload()} />
    </form>
  );
}
