// The learning library: each material of the office, its latest version to open, the
// intern's acknowledgement that they read it, and their own test scores with the gain.
import { Alert, Button, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import { fetchFile, save } from "../../api/files";
import type { components } from "../../api/schema";
import { useLocale, useT } from "../../i18n/locale";
import type { MessageId } from "../../i18n/messages";
import { decimal } from "../../lib/prevention";
import { GainChip, StateChip } from "../prevention/Chips";

type Material = components["schemas"]["MaterialOfIntern"];

export function LearningPanel(): React.JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const intl = locale === "id" ? "id-ID" : "en-GB";
  const [failed, setFailed] = useState(false);
  const library = useQuery({
    queryKey: ["intern", "learning"],
    queryFn: async (): Promise<Material[] | null> => {
      const { data, response } = await api.GET("/api/v1/internship/learning/mine");
      if (response.status === 403) return null;
      if (!data) throw new Error("learning");
      return data;
    },
    retry: false,
  });

  async function open(item: Material) {
    setFailed(false);
    try {
      save(await fetchFile(`/api/v1/internship/learning/versions/${item.latest_version_id}/file`, "*/*", item.material.title));
    } catch {
      setFailed(true);
    }
  }

  async function acknowledge(item: Material) {
    setFailed(false);
    const { response } = await api.POST("/api/v1/internship/learning/versions/{version_id}/acknowledgement", {
      params: { path: { version_id: item.latest_version_id! } },
    });
    if (!response.ok) setFailed(true);
    await library.refetch();
  }

  if (library.isPending) return <Loader role="status" aria-label={t("common.loading")} />;
  if (library.isError) return <Alert color="red">{t("form.error")}</Alert>;
  if (library.data === null) return <Alert color="gray">{t("intern.noApplication")}</Alert>;
  if (library.data.length === 0) return <Text>{t("intern.learn.none")}</Text>;
  return (
    <Stack>
      {failed && (
        <Alert color="red" role="alert">
          {t("intern.learn.failed")}
        </Alert>
      )}
      {/* No scroll container: interns read this on phones, where the columns wrap. */}
      <Table striped withTableBorder data-testid="learning">
          <caption className="visually-hidden">{t("intern.tab.belajar")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("intern.learn.title")}</Table.Th>
              <Table.Th scope="col">{t("intern.learn.kind")}</Table.Th>
              <Table.Th scope="col">{t("intern.learn.version")}</Table.Th>
              <Table.Th scope="col">{t("intern.learn.read")}</Table.Th>
              <Table.Th scope="col">{t("intern.learn.test")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {library.data.map((item) => {
              const name = item.material.title;
              const r = item.result;
              return (
                <Table.Tr key={item.material.id} data-material={name}>
                  <Table.Th scope="row" fw={400}>
                    {item.latest_version_id ? (
                      <Button variant="subtle" size="compact-sm" onClick={() => void open(item)} aria-label={t("intern.learn.open", { name })}>
                        {name}
                      </Button>
                    ) : (
                      name
                    )}
                  </Table.Th>
                  <Table.Td>{t(`intern.learn.kind.${item.material.kind}` as MessageId)}</Table.Td>
                  <Table.Td>{item.material.latest_version > 0 ? item.material.latest_version : t("intern.learn.noFile")}</Table.Td>
                  <Table.Td>
                    {item.acknowledged_latest ? (
                      <StateChip tone="ok" icon="check" state="acknowledged" text={t("intern.learn.acknowledged")} />
                    ) : item.latest_version_id ? (
                      <Button size="compact-sm" onClick={() => void acknowledge(item)} aria-label={t("intern.learn.acknowledge", { name })}>
                        {t("intern.learn.acknowledge", { name: "" }).trim()}
                      </Button>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r ? (
                      <Group gap="xs">
                        <span>
                          {t("intern.learn.result", { pre: r.pre_score ?? "—", post: r.post_score ?? "—", total: r.max_score, score: decimal(r.n_gain ?? null, intl, 3) })}
                        </span>
                        <GainChip category={r.category} />
                      </Group>
                    ) : (
                      t("intern.learn.noTest")
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
    </Stack>
  );
}
