// The English of dateFields.ts: loaded only when English is chosen (see ../messages.ts).
import type { DATES_ID } from "../dateFields";

export const DATES_EN: Record<keyof typeof DATES_ID, string> = {
  "dates.day": "Day",
  "dates.month": "Month",
  "dates.year": "Year",
  "dates.hours": "Hours",
  "dates.minutes": "Minutes",
  "dates.clear": "Clear the date",
  "dates.dayHint": "dd",
  "dates.monthHint": "mm",
  "dates.yearHint": "yyyy",
  "dates.hoursHint": "hh",
  "dates.minutesHint": "mm",
  "dates.zone": "{zone} time",
  "dates.previousMonth": "Previous month",
  "dates.nextMonth": "Next month",
  "dates.previousYear": "Previous year",
  "dates.nextYear": "Next year",
  "dates.previousDecade": "Previous decade",
  "dates.nextDecade": "Next decade",
};
