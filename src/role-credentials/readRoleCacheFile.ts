import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

import { untrustedReason } from "../files/untrustedReason.js";
import { RoleCacheEntry } from "./RoleCacheEntry.js";

/** A cache file is a few hundred bytes (an AssumeRole answer with a session policy, a few KB). */
const MAX_ROLE_CACHE_FILE_BYTES = 256 * 1024;

/** What reading one role credential cache file found. */
export type RoleCacheRead =
  | { readonly kind: "missing" }
  | { readonly kind: "entry"; readonly entry: RoleCacheEntry }
  /** A file that cannot be used: `problem` says why, as a predicate (`is a symbolic link, which is not followed`). */
  | { readonly kind: "unusable"; readonly problem: string; readonly untrusted: boolean };

/**
 * Reads a role credential cache file without ever failing: the cache is an optimisation, so anything
 * wrong with the file (not there, a directory, a link, another user's, writable by others, not JSON,
 * fields missing) is reported, for a warning and a new fetch, never thrown. Nothing here writes,
 * moves or deletes the file.
 */
export async function readRoleCacheFile(path: string, uid: number | undefined = process.getuid?.()): Promise<RoleCacheRead> {
  const unusable = (problem: string, untrusted = false): RoleCacheRead => ({ kind: "unusable", problem, untrusted });
  let handle: FileHandle;
  try {
    // O_NOFOLLOW: a link in the cache is not ours to follow. O_NONBLOCK: a FIFO would block the open.
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    if (code === "ELOOP") return unusable("is a symbolic link, which is not followed", true);
    return unusable(`cannot be opened (${code ?? "unknown error"})`);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return unusable("is a directory, not a file");
    if (!stats.isFile()) return unusable("is not a regular file");
    const distrust = untrustedReason(stats, uid);
    if (distrust !== undefined) return unusable(distrust, true);
    if (stats.size > MAX_ROLE_CACHE_FILE_BYTES) return unusable(`is ${stats.size} bytes, too large to be a cache entry`);
    const text = await handle.readFile("utf8");
    if (text.trim() === "") return unusable("is empty");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return unusable("is not valid JSON");
    }
    const entry = RoleCacheEntry.fromJson(value);
    return typeof entry === "string" ? unusable(entry) : { kind: "entry", entry };
  } catch (error) {
    return unusable(`cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
