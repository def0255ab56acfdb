import type { FromSSOInit } from "../FromSSOInit.js";
import type { LoginFlow } from "./LoginFlow.js";
import type { LoginPrompt } from "./LoginPrompt.js";
import type { BrowserOpenOutcome } from "./openInBrowser.js";

/**
 * Options of {@link login}. The profile, session, files, clients and clock are given as to `fromSSO`
 * (same names, same defaults); the rest says how to log in.
 */
export interface LoginOptions
  extends Pick<
    FromSSOInit,
    | "profile"
    | "ssoSession"
    | "configFilepath"
    | "filepath"
    | "cacheDir"
    | "homeDir"
    | "clientConfig"
    | "oidcClient"
    | "logger"
    | "requestTimeoutMs"
    | "lock"
    | "clock"
    | "env"
  > {
  /** Default: `pkce` for an `[sso-session]`, `device` for a legacy profile (which cannot use `pkce`). */
  flow?: LoginFlow;
  /** Open the browser at the sign-in URL. Default true; with false the URL is only shown. */
  openBrowser?: boolean;
  /**
   * Opens a URL in the browser. Default: `BROWSER` (the command, URL as its last argument or in place
   * of `%s`), else `xdg-open`, `open` or `start`. Resolve `{ opened: false, reason }` to have it said.
   */
  browser?: (url: string) => Promise<BrowserOpenOutcome | void>;
  /** Shows the user what to do (the URL, the code) and what happens. Default: written to stderr. */
  onPrompt?: (prompt: LoginPrompt) => void;
  /** PKCE: the port of the loopback callback server on 127.0.0.1. Default 0 (any free port), from 0 to 65535. */
  redirectPort?: number;
  /** PKCE: how long to wait for the browser to come back. Default 600000 (10 minutes, as the AWS CLI), from 1000 to 3600000. */
  callbackTimeoutMs?: number;
  /**
   * Log in even if the cache holds a valid token (default true, as `aws sso login` does). With false,
   * a token that has not expired is used as it is, and a login another process is running is joined.
   */
  force?: boolean;
  /** Stops the login (the wait for the browser or the code) with the signal's reason. */
  signal?: AbortSignal;
}
