import { SsoTokenCacheError } from "./SsoTokenCacheError.js";

/** The refreshed token could not be saved. The file keeps its previous content. */
export class SsoTokenCacheWriteError extends SsoTokenCacheError {
  override name = "SsoTokenCacheWriteError";

  constructor(path: string, options: { cause?: unknown } = {}) {
    const code = (options.cause as NodeJS.ErrnoException | undefined)?.code;
    super(
      `Could not write the SSO token cache file ${path}${code ? ` (${code})` : ""}. ` +
        `Check that its directory exists, belongs to you and is writable (chmod 700), or set the \`cacheDir\` option.`,
      { ...options, path },
    );
  }
}
