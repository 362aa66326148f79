// When to renew the access token: before it expires (5 minutes by default), early
// enough that a slow network still makes it, never in a tight loop.

export const RENEW_MARGIN_SECONDS = 60;
export const MIN_DELAY_SECONDS = 5;

export function renewalDelayMs(expiresInSeconds: number): number {
  const margin = Math.min(RENEW_MARGIN_SECONDS, expiresInSeconds / 5);
  return Math.max(expiresInSeconds - margin, MIN_DELAY_SECONDS) * 1000;
}
