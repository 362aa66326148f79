// The dialog a save shows when it met a newer version of the case (412 on If-Match):
// nothing was overwritten, the form keeps what was typed, and the user loads the
// latest version before saving again.
import { Button, Group, Modal, Text } from "@mantine/core";
import { useT } from "../i18n/locale";
import type { MessageId } from "../i18n/messages";

type Changed = "case" | "report" | "visit" | "record" | "member";

const TEXTS: Record<Changed, [MessageId, MessageId]> = {
  case: ["conflict.title", "conflict.body"],
  record: ["conflict.recordTitle", "conflict.recordBody"],
  report: ["conflict.reportTitle", "conflict.reportBody"],
  visit: ["conflict.visitTitle", "conflict.visitBody"],
  member: ["conflict.memberTitle", "conflict.memberBody"],
};

export function ConflictDialog({
  opened,
  onReload,
  onClose,
  of = "case",
}: {
  opened: boolean;
  onReload: () => void;
  onClose: () => void;
  of?: Changed; // what changed, as the user calls it
}): React.JSX.Element {
  const t = useT();
  const [title, body] = TEXTS[of];
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t(title)}
      centered
      closeButtonProps={{ "aria-label": t("common.close") }}
      // Kept inside <main>: Mantine's modal header is a <header>, a second banner
      // landmark when portalled to the body.
      withinPortal={false}
    >
      <Text mb="md">{t(body)}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.close")}
        </Button>
        <Button onClick={onReload} data-autofocus>
          {t("conflict.reload")}
        </Button>
      </Group>
    </Modal>
  );
}
