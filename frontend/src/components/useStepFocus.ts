// A form shown one step at a time (the public report form): when the step changes, the
// focus moves to the new step's heading (given tabIndex={-1} and this ref), so a
// screen-reader or keyboard user starts at the top of what replaced the step they left
// rather than on a button that is gone. Not on first load: the page opens as any other.
import { useEffect, useRef, type RefObject } from "react";

export function useStepFocus<T extends HTMLElement>(step: unknown): RefObject<T | null> {
  const heading = useRef<T>(null);
  // The step last focused: compared rather than "skip the first run", which React's
  // strict mode runs twice.
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    heading.current?.focus();
  }, [step]);
  return heading;
}
