import { readSmallFile } from "../files/readSmallFile.js";
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
  const read = await readSmallFile(path, MAX_ROLE_CACHE_FILE_BYTES);
  if (read.kind === "missing") return read;
  if (read.kind === "unusable") {
    const problem = read.problem.replace("too large to be one", "too large to be a cache entry");
    return unusable(problem, problem.startsWith("is a symbolic link"));
  }
  const distrust = untrustedReason(read.stats, uid);
  if (distrust !== undefined) return unusable(distrust, true);
  if (read.text.trim() === "") return unusable("is empty");
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    return unusable("is not valid JSON");
  }
  const entry = RoleCacheEntry.fromJson(value);
  return typeof entry === "string" ? unusable(entry) : { kind: "entry", entry };
}
