// A state's badge on the integration screens and on a report's portal files (intake): a
// file of its own so the report page does not bring the import report's screen along.
import { Badge } from "@mantine/core";
import type { Tone } from "../../lib/integrationTones";

export const TONE_COLOR: Record<Tone, string> = { ok: "green", busy: "blue", waiting: "gray", failed: "red" };

export function StateBadge({ tone, children }: { tone: Tone; children: React.ReactNode }): React.JSX.Element {
  // The word is always written: the colour only repeats it (WCAG 1.4.1).
  return (
    <Badge variant="light" color={TONE_COLOR[tone]} tt="none" c="dark" h="auto" styles={{ label: { whiteSpace: "normal", overflow: "visible" } }}>
      {children}
    </Badge>
  );
}
