import { createHash } from "node:crypto";

import { pythonJsonDumps } from "../files/pythonJsonDumps.js";

export interface RegistrationCacheKeyInput {
  startUrl: string;
  ssoRegion: string;
  /** `sso_registration_scopes` as configured; undefined when the session does not set it (null in the key). */
  scopes: readonly string[] | undefined;
  /** The `[sso-session NAME]`; undefined for a legacy profile (null in the key). */
  ssoSession: string | undefined;
}

/**
 * The name (without `.json`) of the client registration's cache file, shared with the AWS CLI v2:
 * the SHA-1 of Python's `json.dumps({"tool": "botocore", "startUrl", "region", "scopes", "session_name"},
 * sort_keys=True)`, default separators (botocore `BaseSSOTokenFetcher._registration_cache_key`). Both
 * login flows share the key; the registration's `grantTypes` tell them apart.
 */
export function registrationCacheKey(input: RegistrationCacheKeyInput): string {
  const text = pythonJsonDumps({
    tool: "botocore",
    startUrl: input.startUrl,
    region: input.ssoRegion,
    scopes: input.scopes === undefined ? null : [...input.scopes],
    session_name: input.ssoSession ?? null,
  });
  return createHash("sha1").update(text, "utf8").digest("hex");
}
