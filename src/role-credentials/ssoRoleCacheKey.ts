import { createHash } from "node:crypto";

import { pythonJsonDumps } from "../files/pythonJsonDumps.js";
import { cacheFileSafe } from "./cacheFileSafe.js";

/** What names an SSO role's cached credentials: the account, the role and the session (or start URL). */
export interface SsoRoleCacheKeyInput {
  accountId: string;
  roleName: string;
  /** The `[sso-session NAME]`; undefined for legacy profiles, which are keyed by their start URL. */
  ssoSession: string | undefined;
  startUrl: string;
}

/**
 * The name (without `.json`) of the AWS CLI v2's cache file for an SSO role's credentials in
 * `~/.aws/cli/cache`: botocore's `SSOCredentialFetcher._create_cache_key`, the SHA-1 hex of
 * `json.dumps({"accountId", "roleName", "sessionName"}, sort_keys=True, separators=(",", ":"))`,
 * with `startUrl` in place of `sessionName` for legacy profiles.
 */
export function ssoRoleCacheKey(input: SsoRoleCacheKeyInput): string {
  const { accountId, roleName, ssoSession, startUrl } = input;
  const args = ssoSession ? { accountId, roleName, sessionName: ssoSession } : { accountId, roleName, startUrl };
  return cacheFileSafe(createHash("sha1").update(pythonJsonDumps(args, "compact"), "utf8").digest("hex"));
}
