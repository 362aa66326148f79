// The date fields of every form: the office's order (06/12/2026, 24-hour clock) whatever
// the browser's locale, the calendar in the UI's language, and the value the API takes.
// They bind like a TextInput (`{...w.bind("held_on")}`): the form keeps "2026-12-06" for
// a date and an ISO instant with the office's offset for a date and time, and the field
// reads an incomplete entry as empty.
import "@mantine/dates/styles.css";
import "./DateFields.css";
// The calendar's Indonesian names: dayjs's locale, needed only where a calendar opens.
import "dayjs/locale/id";
import { MaskedDateInput } from "@mantine/dates";
import type { KeyboardEvent, ReactNode } from "react";
import { useT } from "../i18n/locale";
import { todayIn, zoneName } from "../lib/dates";
import { nowInstant, officeInstant, openingDay, pickerDate, startsOnToday, todayMark, wallClock } from "../lib/dateFields";
import { useDatesZone } from "./OfficeDates";

type Change = (event: { currentTarget: { value: string } }) => void;

export interface FieldProps {
  label: ReactNode;
  value: string;
  onChange: Change;
  name?: string;
  error?: ReactNode;
  description?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  clearable?: boolean;
  size?: "xs" | "sm" | "md";
  w?: number | string;
  // The first and last day offered ("2026-12-06"), e.g. todayIn(zone) for a past date.
  minDate?: string;
  maxDate?: string;
}

function useParts(zone: string, range: { minDate?: string; maxDate?: string }) {
  const t = useT();
  // Today on the office's clock (or the field's own zone), not the browser's.
  const today = todayIn(zone);
  return {
    defaultDate: openingDay(today, range.minDate, range.maxDate),
    highlightToday: true,
    getDayProps: (day: string) => todayMark(day, today),
    dayInputLabel: t("dates.day"),
    monthInputLabel: t("dates.month"),
    yearInputLabel: t("dates.year"),
    hoursInputLabel: t("dates.hours"),
    minutesInputLabel: t("dates.minutes"),
    dayPlaceholder: t("dates.dayHint"),
    monthPlaceholder: t("dates.monthHint"),
    yearPlaceholder: t("dates.yearHint"),
    hoursPlaceholder: t("dates.hoursHint"),
    minutesPlaceholder: t("dates.minutesHint"),
    clearButtonProps: { "aria-label": t("dates.clear") },
    // The open calendar as axe checks it (the publicform journey): its arrows named,
    // its days readable (DateFields.css: the weekend's red; the neighbouring months'
    // faded days left out), and its dropdown inside the page's main landmark rather
    // than after it in the body (`#isi`, the layout's <main>; no date field is in a modal).
    ariaLabels: {
      previousMonth: t("dates.previousMonth"),
      nextMonth: t("dates.nextMonth"),
      previousYear: t("dates.previousYear"),
      nextYear: t("dates.nextYear"),
      previousDecade: t("dates.previousDecade"),
      nextDecade: t("dates.nextDecade"),
    },
    hideOutsideDates: true,
    classNames: { day: "apik-calendar-day" },
    popoverProps: { portalProps: { target: "#isi" } },
    // Two digits wide by default: a lettered placeholder ("mm") would be cut.
    styles: { field: { minWidth: "calc(3.4ch + 0.3em)" } },
  };
}

// Keyboard: an arrow key in an empty field starts it on the office's today (a date and
// time: the office's now), as a browser's own date input starts on today; Mantine's boxes
// would start from 1, and its calendar's keyboard day is the browser's date. Caught
// before Mantine's box sees the key; once the field has a value, its arrows step as usual.
function startOnToday(start: () => string, onChange: Change) {
  return (event: KeyboardEvent<HTMLDivElement>) => {
    const boxes = [...event.currentTarget.querySelectorAll<HTMLInputElement>("input[role=spinbutton]")];
    if (!startsOnToday(event.key, boxes.map((box) => box.value))) return;
    event.preventDefault();
    event.stopPropagation();
    onChange({ currentTarget: { value: start() } });
  };
}

// A calendar day: never converted, so it never moves a day across zones.
export function DateField({ value, onChange, ...rest }: FieldProps) {
  const zone = useDatesZone();
  return (
    <MaskedDateInput
      {...useParts(zone, rest)}
      {...rest}
      onKeyDownCapture={startOnToday(() => openingDay(todayIn(zone), rest.minDate, rest.maxDate), onChange)}
      value={pickerDate(value)}
      onChange={(next) => onChange({ currentTarget: { value: next ?? "" } })}
    />
  );
}

// A moment typed on the office's clock (or `zone`'s), kept as an ISO instant with that
// zone's offset; shown back on the same clock.
export function DateTimeField({ value, onChange, description, zone, ...rest }: FieldProps & { zone?: string }) {
  const t = useT();
  const officeZone = useDatesZone();
  const clock = zone ?? officeZone;
  return (
    <MaskedDateInput
      {...useParts(clock, rest)}
      {...rest}
      withTime
      onKeyDownCapture={startOnToday(() => nowInstant(clock), onChange)}
      description={description ?? t("dates.zone", { zone: zoneName(clock) })}
      value={wallClock(value, clock)}
      onChange={(next) => onChange({ currentTarget: { value: next ? (officeInstant(next, clock) ?? "") : "" } })}
    />
  );
}
