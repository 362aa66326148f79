// One dimension of an assessment's score as a real table: its weight, score and points
// in the caption, a header row per variable, and a row per indicator with its answers,
// its score, the points it gained and lost, and what to fix.
import { Table } from "@mantine/core";
import { useT } from "../../i18n/locale";
import { decimal } from "../../lib/prevention";
import type { Dimension } from "./data";
import { useWords } from "./shared";

export function DimensionTable({ dimension: d, decimals }: { dimension: Dimension; decimals: number }): React.JSX.Element {
  const t = useT();
  const { intl } = useWords();
  const n = (v: number | null | undefined, digits = decimals) => decimal(v, intl, digits);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder data-dimension={d.code}>
        <caption style={{ captionSide: "top", textAlign: "left", fontWeight: 700, paddingBottom: 4 }}>
          {t("prev.score.dimension", { name: d.name })}
          {" — "}
          {t("prev.score.dimensionSummary", { weight: n(d.weight, 0), score: n(d.score), points: n(d.contribution) })}
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("prev.score.indicator")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("prev.score.weight")}
            </Table.Th>
            <Table.Th scope="col">{t("prev.score.answers")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("prev.score.indicatorScore")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("prev.score.contribution")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("prev.score.lost")}
            </Table.Th>
            <Table.Th scope="col">{t("prev.score.advice")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {d.variables.map((v) => (
          <Table.Tbody key={v.code}>
            <Table.Tr bg="gray.1">
              <Table.Th scope="colgroup" colSpan={7}>
                {t("prev.score.variable")} {v.name} · {n(v.score)}
              </Table.Th>
            </Table.Tr>
            {v.indicators.map((i) => (
              <Table.Tr key={i.code} data-indicator={i.code} data-lost={i.lost}>
                <Table.Th scope="row" fw={400}>
                  <strong>{i.code}</strong> {i.text}
                </Table.Th>
                <Table.Td ta="right">{n(i.share_of_total)}</Table.Td>
                <Table.Td>{i.answers.length > 0 ? `${i.answers.join(", ")} (${i.scale_min}–${i.scale_max})` : "—"}</Table.Td>
                <Table.Td ta="right">{n(i.score)}</Table.Td>
                <Table.Td ta="right">{n(i.contribution)}</Table.Td>
                <Table.Td ta="right" fw={i.lost > 0 ? 700 : undefined}>
                  {n(i.lost)}
                </Table.Td>
                <Table.Td>{i.lost > 0 ? (i.advice ?? "—") : "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        ))}
      </Table>
    </Table.ScrollContainer>
  );
}
