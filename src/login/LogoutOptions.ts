import type { FromSSOInit } from "../FromSSOInit.js";

/**
 * Options of {@link logout}. The profile, session, files and clients are given as to `fromSSO`.
 * Without `all`, the scope is one session: `ssoSession`, else the profile's `[sso-session]` (or, for a
 * legacy profile, its start URL's token).
 */
export interface LogoutOptions
  extends Pick<
    FromSSOInit,
    "profile" | "ssoSession" | "configFilepath" | "filepath" | "cacheDir" | "homeDir" | "clientConfig" | "ssoClient" | "logger" | "requestTimeoutMs" | "lock" | "clock" | "env"
  > {
  /** What `aws sso logout` does: every token in the SSO cache, and every SSO role credential the AWS CLI cached. */
  all?: boolean;
  /** The AWS CLI's credential cache. Default: `~/.aws/cli/cache`. */
  cliCacheDir?: string;
}

/** What {@link logout} did. File names only: never a path's content. */
export interface LogoutResult {
  /** Removed from the SSO token cache: token files, and this package's notes beside them. */
  readonly removedFromSsoCache: readonly string[];
  /** Removed from the AWS CLI's credential cache: role credentials got with the session(s) (`"ProviderType": "sso"`). */
  readonly removedFromCliCache: readonly string[];
  /** Removed from the private store of tokens the cache could not take (a full or read-only disk). */
  readonly removedKeptTokens: readonly string[];
  /** SSO Logout calls made (one per token), and how many failed; failures are ignored, as the AWS CLI ignores them. */
  readonly logoutCalls: number;
  readonly logoutFailures: number;
  readonly ssoCacheDir: string;
  readonly cliCacheDir: string;
}
