import { libraryWords, type CallerWords } from "./CallerWords.js";
import { SsoTokenCacheError } from "./SsoTokenCacheError.js";

export interface SsoTokenCacheWriteErrorOptions {
  /** The file (or lock) that could not be written. */
  path: string;
  /** The file system error; its code is shown. */
  cause?: unknown;
  words?: CallerWords;
}

/** A cache file or lock could not be written. The file keeps its previous content. */
export class SsoTokenCacheWriteError extends SsoTokenCacheError {
  override name = "SsoTokenCacheWriteError";

  constructor(options: SsoTokenCacheWriteErrorOptions) {
    const code = (options.cause as NodeJS.ErrnoException | undefined)?.code;
    const words = options.words ?? libraryWords;
    super(
      `Could not write the SSO token cache file ${options.path}${code ? ` (${code})` : ""}. ` +
        `Check that its directory exists, belongs to you and is writable (chmod 700), or set ${words.setting("cacheDir")}.`,
      options,
    );
  }
}
