import type { Clock } from "../clock/Clock.js";
import { SsoTokenCacheFileError } from "../errors/SsoTokenCacheFileError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { readSmallFile } from "../files/readSmallFile.js";
import { CachedSsoToken } from "./CachedSsoToken.js";

/** A token file is a few hundred bytes; anything this large is not one, and is not read into memory. */
const MAX_TOKEN_FILE_BYTES = 1024 * 1024;

/**
 * Reads and validates a token cache file. Resolves `undefined` when there is none.
 * A symbolic link is not followed: the cache directory is private, and a link there is not ours.
 * Nothing here writes, moves or deletes the file, whatever state it is in.
 */
export async function readTokenFile(
  path: string,
  target: LoginTarget,
  options: { settle?: { ms: number; clock: Clock } } = {},
): Promise<CachedSsoToken | undefined> {
  // Tools that write the cache without a temp file and rename (the JS SDK's fs.writeFile: truncate,
  // then write) leave it empty or cut short for a moment. With `settle`, such a file is read again
  // until it parses or `settle.ms` have passed; only then is it reported.
  const settle = options.settle;
  const started = settle?.clock.monotonic() ?? 0;
  for (;;) {
    const result = await readTokenFileOnce(path, target);
    if (!(result instanceof PartialFile)) return result;
    if (settle === undefined || settle.clock.monotonic() - started >= settle.ms) {
      throw new SsoTokenCacheFileError({
        path,
        problem: result.problem,
        target,
        cause: result.problem === "is empty" ? undefined : new SyntaxError("invalid JSON"),
      });
    }
    await settle.clock.sleep(SETTLE_POLL_MS);
  }
}

const SETTLE_POLL_MS = 20;

/** An empty or unparseable file: possibly one caught in the middle of a non-atomic write. */
class PartialFile {
  constructor(readonly problem: "is empty" | "is not valid JSON") {}
}

async function readTokenFileOnce(path: string, target: LoginTarget): Promise<CachedSsoToken | PartialFile | undefined> {
  const read = await readSmallFile(path, MAX_TOKEN_FILE_BYTES);
  if (read.kind === "missing") return undefined;
  if (read.kind === "unusable") {
    const problem = read.problem.replace("too large to be one", "too large to be a token");
    throw new SsoTokenCacheFileError({ path, problem, target, cause: read.cause });
  }
  if (read.text.trim() === "") return new PartialFile("is empty");
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    return new PartialFile("is not valid JSON");
  }
  return CachedSsoToken.fromJson(value, path, target);
}
