// A select for a public page, fetched after the page itself (issue 21): Mantine's Select
// brings its dropdown (Combobox, ScrollArea, Popover, floating-ui), about 13 kB gzipped
// that the entry chunk would otherwise carry to every public page, the sign-in and the
// tracking pages included, which have none. The page renders without waiting; until the
// chunk is here (a few tenths of a second on 3G, while the user reads the first
// fields), a read-only field of the same label, description and error holds its place,
// showing the option chosen, so nothing moves when the select arrives. If the chunk
// cannot be fetched (a dropped connection), the browser's own select takes its place.
import { NativeSelect, TextInput, type ComboboxItem, type SelectProps } from "@mantine/core";
import type { ComponentType } from "react";
import { lateChunk } from "./lateChunk";

// Select is generic in its values; these pages' are strings.
const useSelect = lateChunk(() => import("./select").then((m) => m.Select as ComponentType<SelectProps<string>>));

type Props = SelectProps<string> & { data: readonly (string | ComboboxItem)[] };

export function LazySelect(props: Props): React.JSX.Element {
  const { value: Select, failed } = useSelect();
  const { label, description, error, required, w, value, onChange } = props;
  const items = props.data.map((item) => (typeof item === "string" ? { value: item, label: item } : item));
  if (Select) return <Select {...props} data={items} />;
  if (failed) {
    return (
      <NativeSelect
        label={label}
        description={description}
        error={error}
        required={required}
        w={w}
        data={[{ value: "", label: "" }, ...items]}
        value={value ?? ""}
        onChange={(event) => {
          const chosen = items.find((item) => item.value === event.currentTarget.value) ?? null;
          onChange?.(chosen?.value ?? null, chosen);
        }}
      />
    );
  }
  const shown = items.find((item) => item.value === value)?.label ?? "";
  return <TextInput label={label} description={description} error={error} required={required} w={w} value={shown} readOnly disabled />;
}
