import type { Stats } from "node:fs";

/**
 * Why a cache file or directory is not one to trust, or undefined when it is: it belongs to another
 * user, or others than its owner may write it (so they could plant a token or credentials in it).
 * `uid` is the current user's (undefined on Windows, where modes say nothing of this).
 */
export function untrustedReason(stats: Stats, uid: number | undefined = process.getuid?.()): string | undefined {
  if (uid === undefined) return undefined;
  // root may use what it likes; another user's file is not this user's cache.
  if (uid !== 0 && stats.uid !== uid) return `belongs to another user (uid ${stats.uid})`;
  const writable = stats.mode & 0o022;
  if (writable !== 0) {
    const who = writable === 0o022 ? "group and others" : writable === 0o020 ? "its group" : "others";
    return `is writable by ${who} (mode ${(stats.mode & 0o777).toString(8).padStart(4, "0")})`;
  }
  return undefined;
}
