import { createHash } from "node:crypto";

import { pythonJsonDumps } from "../files/pythonJsonDumps.js";
import { cacheFileSafe } from "./cacheFileSafe.js";

/** The AssumeRole arguments a profile configures: what names its cached credentials. */
export interface AssumeRoleCacheKeyInput {
  roleArn: string;
  /** `role_session_name`, when the profile sets one (a generated name is not part of the key). */
  roleSessionName?: string | undefined;
  /** `external_id`. */
  externalId?: string | undefined;
  /** `mfa_serial`. */
  serialNumber?: string | undefined;
  /** `duration_seconds`, when the profile sets it (the default is not part of the key). */
  durationSeconds?: number | undefined;
}

/**
 * The name (without `.json`) of the AWS CLI's cache file for a role assumed through a profile, in
 * `~/.aws/cli/cache`: botocore's `BaseAssumeRoleCredentialFetcher._create_cache_key`, the SHA-1 hex
 * of `json.dumps(args, sort_keys=True)` (default separators, unlike the SSO key), made file-safe.
 * `args` holds `RoleArn` and whichever of `RoleSessionName`, `ExternalId`, `SerialNumber` and
 * `DurationSeconds` the profile sets.
 */
export function assumeRoleCacheKey(input: AssumeRoleCacheKeyInput): string {
  const args = {
    RoleArn: input.roleArn,
    RoleSessionName: input.roleSessionName || undefined,
    ExternalId: input.externalId,
    SerialNumber: input.serialNumber,
    DurationSeconds: input.durationSeconds,
  };
  return cacheFileSafe(createHash("sha1").update(pythonJsonDumps(args, "default"), "utf8").digest("hex"));
}
