import type { SSOClient, SSOClientConfig } from "@aws-sdk/client-sso";
import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";

import type { Clock } from "./clock/Clock.js";
import type { MfaCodeProvider, RoleAssumer } from "./role-credentials/RoleAssumer.js";

/**
 * Options of {@link fromSSO}. The first group has the same names and meaning as the options of
 * `fromSSO` in `@aws-sdk/credential-providers`; the second is this library's own.
 */
export interface FromSSOInit {
  /** The profile to use. Default: the SDK client's profile, then `AWS_PROFILE`, then `default`. */
  profile?: string;
  /** The config file. Default: `AWS_CONFIG_FILE`, then `~/.aws/config`. */
  configFilepath?: string;
  /** The credentials file. Default: `AWS_SHARED_CREDENTIALS_FILE`, then `~/.aws/credentials`. */
  filepath?: string;
  /** Use this `[sso-session NAME]` instead of the profile's `sso_session`. */
  ssoSession?: string;
  ssoStartUrl?: string;
  ssoAccountId?: string;
  ssoRegion?: string;
  ssoRoleName?: string;
  /** The SSO client for GetRoleCredentials. Default: one made from `clientConfig` in `sso_region`. */
  ssoClient?: SSOClient;
  /** Config for the SSO and SSO OIDC clients this provider makes (`endpoint`, `requestHandler`, ...). */
  clientConfig?: Partial<SSOClientConfig>;
  /** The config of the client that owns this provider; its logger is used when none is given. */
  parentClientConfig?: { logger?: Logger; region?: unknown; profile?: string };
  /** Warnings (a refresh that failed while the token is still valid), progress and debug lines. Never secrets. */
  logger?: Logger;

  /** The token cache directory. Default: `~/.aws/sso/cache`, shared with the AWS CLI. */
  cacheDir?: string;
  /** The home directory, for `~/.aws`. Default: `HOME` (or the platform's equivalent). */
  homeDir?: string;
  /** Refresh the SSO token, and fetch new role credentials, this long before they expire. Default 300, from 0 to 3600. */
  refreshWindowSeconds?: number;
  /** The cross-process lock around a token refresh. */
  lock?: LockInit;
  /** Bound on one CreateToken or GetRoleCredentials call, SDK retries included. Default 15000, from 100 to 600000. */
  requestTimeoutMs?: number;
  /** The SSO OIDC client for CreateToken. Default: one made from `clientConfig` in `sso_region`, when a refresh needs it. */
  oidcClient?: SSOOIDCClient;
  /** The clock for every expiry decision, wait and deadline. Default: the system clock. */
  clock?: Clock;
  /**
   * Keep role credentials in the AWS CLI's shared cache, as the AWS CLI v2 does: `true` for
   * `~/.aws/cli/cache`, or a directory. New processes (and the AWS CLI) then use them until they come
   * within the refresh window, instead of calling GetRoleCredentials or AssumeRole again. The files
   * hold the credentials at rest (0600, in a 0700 directory), exactly as the AWS CLI keeps them.
   * Default false, as in the SDKs: credentials stay in memory.
   */
  roleCredentialCache?: boolean | string;
  /** For a profile of a role chain with `mfa_serial`: resolves with the device's current code (as the SDK's `fromIni` option). */
  mfaCodeProvider?: MfaCodeProvider;
  /**
   * Assumes the roles of a profile that chains from an SSO profile (`role_arn` + `source_profile`), as the
   * SDK's `fromIni` option of that name. Default: STS AssumeRole with `@aws-sdk/client-sts`, in the
   * profile's `region`, with `clientConfig` (and `AWS_ENDPOINT_URL_STS`).
   */
  roleAssumer?: RoleAssumer;
  /** The environment (`AWS_PROFILE`, `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, `HOME`...). Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * When only a new login can help (no token, a session that ended): `throw` (the default) rejects
   * with the `SsoLoginRequiredError`; `wait` logs the login command once (a warning) and waits for a
   * new token in the cache (from `aws-sso-creds login`, `login()` or `aws sso login`), then goes on.
   */
  onLoginRequired?: "throw" | "wait";
  /** With `onLoginRequired: "wait"`, give up (`LoginWaitTimeoutError`) after this long. Default 600000, from 0 to 86400000. */
  loginWaitTimeoutMs?: number;
}

export interface LockInit {
  /** A lock untouched this long is a dead process's and is taken over. Default 10000, from 2000 to 600000. */
  staleMs?: number;
  /** How often the holder touches the lock. Default 2000, between 1000 and staleMs / 2. */
  updateMs?: number;
  /** Give up waiting for another process's lock after this long. Default 30000, from 0 to 3600000. */
  waitTimeoutMs?: number;
  /** After `invalid_grant`, watch the cache this long for the token a concurrent refresher got. Default 3000, from 0 to 60000. */
  peerRefreshWaitMs?: number;
}
