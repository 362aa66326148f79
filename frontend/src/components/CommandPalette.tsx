// The command palette (Ctrl+K / ⌘K, or `/` outside a field; the keys are Keyboard.tsx's,
// which loads this file on first use) to go to any screen the user's capabilities open or to
// open a report or a case by its registration number. Mantine's spotlight draws the
// palette (its overlay, focus trap, open state and styles); the search box and its
// options are this file's, a combobox as ARIA describes one (a search box that owns a
// list of options, the option the arrows reach announced as active): the spotlight's
// own keeps its selection in the page's markup, out of React's sight, and has no roles.
import "@mantine/spotlight/styles.css";
import { Input, Modal, Text, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { createSpotlight, Spotlight } from "@mantine/spotlight";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useEffect, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { api } from "../api/client";
import type { components } from "../api/schema";
import { useT } from "../i18n/locale";
import type { Viewer } from "../lib/capabilities";
import { lookupOrder, matchScreens, mayOpen, numberQuery, screenEntries, type Lookup } from "../lib/palette";
import { STAFF_MENU } from "./StaffNav";

const [store, palette] = createSpotlight();
const LIST = "apik-palette-list";

let mounted = false;
let pending = false;

// Asked by the keyboard layer. The first time, the palette is not rendered yet: it opens
// once mounted, closed first, so its dialog notes where the focus was and gives it back.
export function requestOpen(): void {
  if (mounted) palette.open();
  else pending = true;
}

export function paletteOpened(): boolean {
  return store.getState().opened;
}

interface Option {
  key: string;
  label: string;
  description?: string;
  go: () => void;
}

// Looks a number up in the lists the user may read: null while there is nothing to ask.
function useLookup(number: string | null, viewer: Viewer) {
  const reports = number !== null && mayOpen(STAFF_MENU, "/verifikasi", viewer);
  const cases = number !== null && mayOpen(STAFF_MENU, "/pemeriksaan", viewer);
  return useQuery({
    queryKey: ["palette", number, reports, cases],
    enabled: reports || cases,
    staleTime: 30_000,
    queryFn: async () => {
      const [r, c] = await Promise.all([
        reports ? api.GET("/api/v1/intake/reports", { params: { query: { number: number!, limit: 5 } } }) : null,
        cases ? api.GET("/api/v1/examination/cases", { params: { query: { number: number!, limit: 5 } } }) : null,
      ]);
      if (r?.error || c?.error) throw new Error("lookup");
      // Both listings answer JSON or CSV; JSON was asked for.
      const listed = r?.data as components["schemas"]["Page_ReportPublic_"] | undefined;
      const opened = c?.data as components["schemas"]["Page_CasePublic_"] | undefined;
      return { reports: listed?.items ?? [], cases: opened?.items ?? [] };
    },
  });
}

export function CommandPalette({ viewer }: { viewer: Viewer }): React.JSX.Element {
  const t = useT();
  const navigate = useNavigate();
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(-1);
  const [settled] = useDebouncedValue(query, 250);
  const number = numberQuery(settled);
  const lookup = useLookup(number, viewer);

  useEffect(() => {
    mounted = true;
    if (pending) {
      pending = false;
      palette.open();
    }
    return () => {
      mounted = false;
    };
  }, []);

  const looked: Record<Lookup, Option[]> = {
    reports: (lookup.data?.reports ?? []).map((r) => ({
      key: `report-${r.id}`,
      label: t("palette.report", { number: r.registration_number }),
      description: r.summary,
      go: () => void navigate({ to: "/verifikasi/$reportId", params: { reportId: r.id } }),
    })),
    cases: (lookup.data?.cases ?? []).map((c) => ({
      key: `case-${c.id}`,
      label: t("palette.case", { number: c.registration_number }),
      description: c.summary,
      go: () => void navigate({ to: "/pemeriksaan/$caseId", params: { caseId: c.id } }),
    })),
  };
  // The caller's own work first: a number that is a report and its case opens, on Enter,
  // the one they came for.
  const found: Option[] = lookupOrder(viewer).flatMap((kind) => looked[kind]);
  const screens: Option[] = matchScreens(screenEntries(STAFF_MENU, viewer, t), query).map((s) => ({
    key: `screen-${s.to}`,
    label: s.label,
    description: t("palette.screen"),
    // The menu's paths are the router's own (as in StaffNav).
    go: () => void navigate({ to: s.to as "/", search: s.search ? ({} as never) : undefined }),
  }));
  const options = [...found, ...screens];
  const signature = options.map((o) => o.key).join(" ");

  // New options: the first is the one Enter opens.
  useEffect(() => setSelected(signature === "" ? -1 : 0), [signature]);
  useEffect(() => {
    if (selected >= 0) document.getElementById(`${LIST}-${selected}`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  function choose(option: Option | undefined) {
    if (!option) return;
    palette.close();
    option.go();
  }

  function onKeyDown(event: ReactKeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing || options.length === 0) return;
    const last = options.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: selected >= last ? 0 : selected + 1,
      ArrowUp: selected <= 0 ? last : selected - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      setSelected(moves[event.key]!);
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(options[selected]);
    }
  }

  const waiting = number !== null && (query.trim() !== settled.trim() || lookup.isFetching);
  let message: string | null = null;
  if (options.length === 0) {
    const typed = query.trim();
    if (numberQuery(typed) && waiting) message = t("palette.looking", { number: typed });
    else if (numberQuery(typed) && lookup.isError) message = t("palette.lookupFailed", { number: typed });
    else if (numberQuery(typed)) message = t("palette.notFound", { number: typed });
    else message = t("palette.nothing");
  }
  const active = selected >= 0 && selected < options.length ? `${LIST}-${selected}` : undefined;

  return (
    <Spotlight.Root
      store={store}
      query={query}
      onQueryChange={setQuery}
      // The keys are this file's (Ctrl+K in a field too, and `/`).
      shortcut={null}
      onSpotlightOpen={() => setSelected(0)}
      scrollable
      maxHeight={420}
    >
      <Modal.Title className="visually-hidden">{t("palette.title")}</Modal.Title>
      <Input
        size="lg"
        classNames={{ input: Spotlight.classes.search }}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-label={t("palette.search")}
        placeholder={t("palette.search")}
        aria-expanded={options.length > 0}
        aria-controls={LIST}
        aria-autocomplete="list"
        aria-activedescendant={active}
        data-autofocus
      />
      <Spotlight.ActionsList id={LIST} role="listbox" aria-label={t("palette.results")}>
        {options.map((o, i) => (
          <UnstyledButton
            key={o.key}
            id={`${LIST}-${i}`}
            role="option"
            aria-selected={i === selected}
            data-selected={i === selected || undefined}
            className={`${Spotlight.classes.action} palette-option`}
            tabIndex={-1}
            // The search box keeps the focus (and its typing) while the mouse chooses.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            <span className={Spotlight.classes.actionBody}>
              <span className={Spotlight.classes.actionLabel}>{o.label}</span>
              {o.description && <span className={Spotlight.classes.actionDescription}>{o.description}</span>}
            </span>
          </UnstyledButton>
        ))}
      </Spotlight.ActionsList>
      <Text role="status" size="sm" px="md" py={message ? "sm" : 0}>
        {message}
      </Text>
      <Spotlight.Footer>
        <Text size="xs" c="dimmed">
          {t("palette.hint")}
        </Text>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}
