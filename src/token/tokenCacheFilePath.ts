import { createHash } from "node:crypto";
import { join } from "node:path";

/**
 * `<cacheDir>/<sha1 hex of key>.json`, the AWS CLI's naming. The key is the session name for
 * `sso_session` profiles and the start URL for legacy ones.
 */
export function tokenCacheFilePath(cacheDir: string, key: string): string {
  return join(cacheDir, `${createHash("sha1").update(key, "utf8").digest("hex")}.json`);
}
