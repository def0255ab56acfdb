import { constants, type Stats } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

/** What {@link readSmallFile} found at a path. */
export type SmallFileRead =
  | { readonly kind: "text"; readonly text: string; readonly stats: Stats }
  | { readonly kind: "missing" }
  /** Something is there, but not a file to read: `problem` says what, as a predicate ("is a directory"). */
  | { readonly kind: "unusable"; readonly problem: string; readonly cause?: unknown };

/**
 * Reads a small cache file (a token, a note, credentials) without the traps of a plain readFile:
 * a symbolic link is not followed (a private cache holds none of ours), a FIFO does not block the
 * open (and a libuv thread) forever, a directory or device is reported, and a file larger than
 * `maxBytes` is not read into memory. Never throws.
 */
export async function readSmallFile(path: string, maxBytes: number): Promise<SmallFileRead> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    if (code === "ELOOP") return { kind: "unusable", problem: "is a symbolic link, which is not followed", cause: error };
    return { kind: "unusable", problem: `cannot be opened (${code ?? "unknown error"})`, cause: error };
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return { kind: "unusable", problem: "is a directory, not a file" };
    if (!stats.isFile()) return { kind: "unusable", problem: "is not a regular file" };
    if (stats.size > maxBytes) return { kind: "unusable", problem: `is ${stats.size} bytes, too large to be one` };
    try {
      return { kind: "text", text: await handle.readFile("utf8"), stats };
    } catch (error) {
      return { kind: "unusable", problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`, cause: error };
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}
