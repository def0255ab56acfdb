import type { LoginFlow } from "./LoginFlow.js";

/** How a {@link login} ended. No token or secret: they are in the cache file only. */
export interface LoginResult {
  /** The `[sso-session]` logged in to; undefined for a legacy profile. */
  readonly ssoSession: string | undefined;
  /** The profile the session was found through, when one was. */
  readonly profile: string | undefined;
  readonly startUrl: string;
  readonly ssoRegion: string;
  /** The token cache file written (or found). */
  readonly cacheFile: string;
  /** When the new access token expires; it is refreshed from then on, for an `[sso-session]`. */
  readonly expiresAt: Date;
  /**
   * `logged-in`: this call ran the login (with `flow`); `joined`: another process (or tool) logged in
   * meanwhile and this call used its token; `already-valid`: with `force: false`, the cached token was valid.
   */
  readonly outcome: "logged-in" | "joined" | "already-valid";
  /** The flow this call ran; undefined when it ran none. */
  readonly flow: LoginFlow | undefined;
}
