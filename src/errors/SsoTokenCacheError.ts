import { SsoCredentialsError, type SsoCredentialsErrorOptions } from "./SsoCredentialsError.js";

export interface SsoTokenCacheErrorOptions extends SsoCredentialsErrorOptions {
  path: string;
}

/** The token cache (a file, its directory or its lock) cannot be used. `path` names it. */
export class SsoTokenCacheError extends SsoCredentialsError {
  override name = "SsoTokenCacheError";
  readonly path: string;

  constructor(message: string, options: SsoTokenCacheErrorOptions) {
    super(message, options);
    this.path = options.path;
  }
}
