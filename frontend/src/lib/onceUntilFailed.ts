// A fetch made once and shared by every caller, unless it fails: a failed one (a slow
// phone's connection dropping mid-download) is forgotten, so the next caller fetches
// again instead of getting the same failure until the page is reloaded (issue 21).
export function onceUntilFailed<T>(fetch: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending === undefined) {
      const attempt = fetch();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}
