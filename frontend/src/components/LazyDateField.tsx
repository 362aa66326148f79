// A date field for a public page, fetched after the page itself (issue 21): the date
// fields bring Mantine's dates, dayjs, its Indonesian and the calendar's popover, about
// 34 kB gzipped, more than a tenth of such a page on a slow phone. The page renders
// without waiting; until the chunk is here (the user is still filling the fields above),
// a read-only field of the same label and error holds its place, showing the date
// already there in the office's order, so nothing moves when the field arrives. If the
// chunk cannot be fetched (a dropped connection), the browser's own date input takes its
// place: it keeps the value as the API takes it ("2026-12-06"), as the field does.
import { TextInput } from "@mantine/core";
import type { FieldProps } from "./DateFields";
import { lateChunk } from "./lateChunk";

const useDateField = lateChunk(() => import("./DateFields").then((m) => m.DateField));

// "2026-12-06" as the field shows it, 06/12/2026; anything else as it is.
function shown(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

export function LazyDateField(props: FieldProps): React.JSX.Element {
  const { value: DateField, failed } = useDateField();
  const { label, description, error, required, size, w, value, onChange, minDate, maxDate } = props;
  if (DateField) return <DateField {...props} />;
  const common = { label, description, error, required, size, w };
  if (failed) return <TextInput {...common} type="date" value={value} onChange={onChange} min={minDate} max={maxDate} />;
  return <TextInput {...common} value={shown(value)} readOnly disabled />;
}
