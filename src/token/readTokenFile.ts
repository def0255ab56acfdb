import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

import { SsoTokenCacheFileError } from "../errors/SsoTokenCacheFileError.js";
import type { LoginTarget } from "../errors/loginCommand.js";
import { CachedSsoToken } from "./CachedSsoToken.js";

/** A token file is a few hundred bytes; anything this large is not one, and is not read into memory. */
const MAX_TOKEN_FILE_BYTES = 1024 * 1024;

/**
 * Reads and validates a token cache file. Resolves `undefined` when there is none.
 * A symbolic link is not followed: the cache directory is private, and a link there is not ours.
 * Nothing here writes, moves or deletes the file, whatever state it is in.
 */
export async function readTokenFile(path: string, target: LoginTarget): Promise<CachedSsoToken | undefined> {
  const fail = (problem: string, cause?: unknown): SsoTokenCacheFileError =>
    new SsoTokenCacheFileError(path, problem, target, { cause });
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    if (code === "ELOOP") throw fail("is a symbolic link, which is not followed", error);
    throw fail(`cannot be opened (${code ?? "unknown error"})`, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw fail("is a directory, not a file");
    if (!stat.isFile()) throw fail("is not a regular file");
    if (stat.size > MAX_TOKEN_FILE_BYTES) throw fail(`is ${stat.size} bytes, too large to be a token`);
    let text: string;
    try {
      text = await handle.readFile("utf8");
    } catch (error) {
      throw fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`, error);
    }
    return CachedSsoToken.parse(text, path, target);
  } finally {
    await handle.close();
  }
}
