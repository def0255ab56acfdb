import { CredentialsProviderError } from "@smithy/core/config";
import type { Logger } from "@smithy/types";

/** What every error of this library may carry besides its message. */
export interface SsoCredentialsErrorOptions {
  /** The underlying error (an SDK service exception, a file system error...). */
  cause?: unknown;
  /** Whether an SDK credential chain should go on to its next provider. */
  tryNextLink?: boolean;
  logger?: Logger;
}

/**
 * Base class of every error this library raises. It extends the SDK's
 * `CredentialsProviderError`, so SDK provider chains treat it as theirs:
 * they try the next provider only when `tryNextLink` is true.
 *
 * Each subclass is built from one options object holding the facts (profile, session, file,
 * field...), keeps them as properties, and composes its message from them: the message names
 * what is wrong and ends with what to do. It never contains a token, secret or key.
 */
export class SsoCredentialsError extends CredentialsProviderError {
  override name = "SsoCredentialsError";
  declare readonly cause?: unknown;

  constructor(message: string, options: SsoCredentialsErrorOptions = {}) {
    super(message, { tryNextLink: options.tryNextLink ?? false, logger: options.logger });
    // The SDK's error classes reset the prototype to their own; restore the subclass's.
    Object.setPrototypeOf(this, new.target.prototype);
    if (options.cause !== undefined) {
      Object.defineProperty(this, "cause", {
        value: options.cause,
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }
}
