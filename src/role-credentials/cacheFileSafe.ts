import { sep } from "node:path";

/**
 * botocore's `_make_file_safe`: `:`, the platform's path separator and `/` become `_`. A SHA-1 hex
 * digest has none of them; it is applied anyway, so that a key is made exactly as botocore makes it.
 */
export function cacheFileSafe(name: string): string {
  return name.replaceAll(":", "_").replaceAll(sep, "_").replaceAll("/", "_");
}
