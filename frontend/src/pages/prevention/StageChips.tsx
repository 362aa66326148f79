// An article's status and a village's stage in words and an icon as well as a colour
// (WCAG 1.4.1); a code this version has no label for is shown as the API sends it.
import { StateChip } from "./Chips";
import { useWords } from "./shared";

type Look = ["ok" | "warn" | "late" | "neutral", "check" | "clock" | "alert" | "dash"];

const ARTICLE: Record<string, Look> = {
  draft: ["neutral", "dash"],
  review: ["warn", "clock"],
  approved: ["ok", "check"],
  published: ["ok", "check"],
};

const VILLAGE: Record<string, Look> = {
  nominated: ["neutral", "dash"],
  mentoring: ["warn", "clock"],
  regency_verified: ["warn", "clock"],
  office_verified: ["ok", "check"],
  decided: ["ok", "check"],
  not_selected: ["late", "alert"],
};

export function ArticleStatusChip({ status }: { status: string }): React.JSX.Element {
  const { label } = useWords();
  const [tone, icon] = ARTICLE[status] ?? ["neutral", "dash"];
  return <StateChip tone={tone} icon={icon} state={status} text={label("prev.art.status", status)} />;
}

export function VillageStageChip({ stage }: { stage: string }): React.JSX.Element {
  const { label } = useWords();
  const [tone, icon] = VILLAGE[stage] ?? ["neutral", "dash"];
  return <StateChip tone={tone} icon={icon} state={stage} text={label("prev.vil.stage", stage)} />;
}
