// The signed-in user's tokens: kept in this tab's memory and sessionStorage (never
// localStorage: closing the tab ends what a shared office computer remembers), renewed
// before the access token expires, ended at the gateway on sign-out.
import { renewalDelayMs } from "./renewal";

interface Tokens {
  access_token: string;
  refresh_token?: string | null;
  expires_in: number;
  failed_attempts_since_last_login?: number | null;
}

const KEY = "apik.session";
type Listener = () => void;

class Session {
  private tokens: Tokens | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private renewing: Promise<boolean> | null = null;
  private listeners = new Set<Listener>();
  lastFailedAttempts = 0;

  constructor() {
    const stored = typeof sessionStorage === "undefined" ? null : sessionStorage.getItem(KEY);
    if (stored) {
      this.tokens = JSON.parse(stored) as Tokens;
      // The stored access token may be stale: renew at once when the page loads.
      this.schedule(0);
    }
  }

  accessToken(): string | null {
    return this.tokens?.access_token ?? null;
  }

  signedIn(): boolean {
    return this.tokens !== null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(username: string, password: string): Promise<boolean> {
    const response = await fetch("/api/v1/auth/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", username, password }),
    });
    if (!response.ok) return false;
    const tokens = (await response.json()) as Tokens;
    this.lastFailedAttempts = tokens.failed_attempts_since_last_login ?? 0;
    this.store(tokens);
    return true;
  }

  // Spends the refresh token for new tokens (it works once: the gateway ends a session
  // whose refresh token comes back twice, so concurrent callers share one renewal).
  renew(): Promise<boolean> {
    this.renewing ??= this.doRenew().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async doRenew(): Promise<boolean> {
    const refresh = this.tokens?.refresh_token;
    if (!refresh) {
      this.clear();
      return false;
    }
    const response = await fetch("/api/v1/auth/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refresh }),
    });
    if (!response.ok) {
      this.clear();
      return false;
    }
    this.store((await response.json()) as Tokens);
    return true;
  }

  async signOut(): Promise<void> {
    const token = this.accessToken();
    this.clear();
    if (token) {
      // Ends the session everywhere (every service refuses it within seconds).
      await fetch("/api/v1/auth/logout", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      }).catch(() => undefined);
    }
  }

  private store(tokens: Tokens): void {
    this.tokens = tokens;
    sessionStorage.setItem(KEY, JSON.stringify(tokens));
    this.schedule(renewalDelayMs(tokens.expires_in));
    this.emit();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.tokens = null;
    sessionStorage.removeItem(KEY);
    this.emit();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew(), delayMs);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const session = new Session();
