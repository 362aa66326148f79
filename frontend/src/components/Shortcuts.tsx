// The keyboard shortcuts' help, one dialog for every page: the shortcuts of the page
// shown (a page lists its own with `usePageShortcuts`) and those that work everywhere.
import { Button, Group, Kbd, Modal, Table, Text, Title } from "@mantine/core";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useT } from "../i18n/locale";
import { GLOBAL_SHORTCUTS, type Shortcut } from "../lib/palette";

let pageShortcuts: readonly Shortcut[] = [];
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

// The page's own shortcuts, listed in the help while the page is shown. `list` is a
// module constant: a new array each render would register it again each render.
export function usePageShortcuts(list: readonly Shortcut[]): void {
  useEffect(() => {
    pageShortcuts = list;
    emit();
    return () => {
      if (pageShortcuts === list) {
        pageShortcuts = [];
        emit();
      }
    };
  }, [list]);
}

function usePageList(): readonly Shortcut[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pageShortcuts,
  );
}

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && " / "}
          <Kbd>{k}</Kbd>
        </span>
      ))}
    </>
  );
}

function ShortcutTable({ caption, list }: { caption: string; list: readonly Shortcut[] }) {
  const t = useT();
  return (
    <Table>
      <caption className="visually-hidden">{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("board.key")}</Table.Th>
          <Table.Th scope="col">{t("board.action")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((s) => (
          <Table.Tr key={s.label}>
            <Table.Td>
              <Keys keys={s.keys} />
            </Table.Td>
            <Table.Td>{t(s.label)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }): React.JSX.Element {
  const t = useT();
  const page = usePageList();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("keys.title")}
      closeButtonProps={{ "aria-label": t("common.close") }}
      size="lg"
      // Rendered inside <main> by its caller: Mantine's modal header is a <header>, a
      // second banner landmark when portalled to the body.
      withinPortal={false}
    >
      <Title order={2} size="h5" mb={4}>
        {t("keys.page")}
      </Title>
      {page.length > 0 ? <ShortcutTable caption={t("keys.page")} list={page} /> : <Text size="sm">{t("keys.none")}</Text>}
      <Title order={2} size="h5" mt="md" mb={4}>
        {t("keys.everywhere")}
      </Title>
      <ShortcutTable caption={t("keys.everywhere")} list={GLOBAL_SHORTCUTS} />
      <Group justify="flex-end" mt="md">
        <Button onClick={onClose}>{t("common.close")}</Button>
      </Group>
    </Modal>
  );
}

// The help as the keyboard layer (Keyboard.tsx) loads it, on the first `?`: rendered closed
// first and opened just after, so the dialog notes where the focus was and gives it back
// on closing, as it does every later time.
export function ShortcutHelpOnFirstUse({ opened, onClose }: { opened: boolean; onClose: () => void }): React.JSX.Element {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <ShortcutHelp opened={mounted && opened} onClose={onClose} />;
}
