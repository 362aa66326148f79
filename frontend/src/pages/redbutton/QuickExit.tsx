// The quick-exit button: always on screen, first in the tab order after the skip link.
// It forgets this tab's state and replaces the page (and its history entry) with a
// neutral site, so that Back does not return here.
import { Button } from "@mantine/core";
import { useT } from "../../i18n/locale";
import { QUICK_EXIT_URL } from "./logic";

export function quickExit(): void {
  try {
    sessionStorage.clear();
  } catch {
    // Storage may be disabled: leaving matters more.
  }
  window.location.replace(QUICK_EXIT_URL);
}

export function QuickExit(): React.JSX.Element {
  const t = useT();
  return (
    // Sticky: it stays on screen while the page scrolls, without covering the header.
    <div style={{ position: "sticky", top: 8, zIndex: 1000, display: "flex", justifyContent: "flex-end" }}>
      <Button color="red" size="md" onClick={quickExit} title={t("rb.exitHelp")} data-testid="quick-exit">
        {t("rb.exit")}
      </Button>
    </div>
  );
}
