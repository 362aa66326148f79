// A chunk a public page's field fetches once the page shows (LazySelect, LazyDateField):
// `value` its export once here. Not React.lazy, which keeps a failed fetch for good:
// here a failure says `failed` (the field falls back to the browser's own control, which
// needs no chunk), and the next field to mount fetches again (onceUntilFailed).
import { useEffect, useState } from "react";
import { onceUntilFailed } from "../lib/onceUntilFailed";

export function lateChunk<T>(load: () => Promise<T>): () => { value: T | undefined; failed: boolean } {
  const fetch = onceUntilFailed(load);
  let here: T | undefined;
  return function useChunk() {
    const [state, setState] = useState<{ value: T | undefined; failed: boolean }>(() => ({ value: here, failed: false }));
    const missing = state.value === undefined;
    useEffect(() => {
      if (!missing) return;
      let mounted = true;
      fetch().then(
        (value) => {
          here = value;
          if (mounted) setState({ value, failed: false });
        },
        () => mounted && setState({ value: undefined, failed: true }),
      );
      return () => {
        mounted = false;
      };
    }, [missing]);
    return state;
  };
}
