import { SsoCredentialsError, type SsoCredentialsErrorOptions } from "./SsoCredentialsError.js";
import type { ServiceErrorDetails } from "./SsoServiceError.js";

export interface SsoLoginRequiredErrorOptions extends SsoCredentialsErrorOptions, ServiceErrorDetails {}

/**
 * Only a new login can fix this. The message gives the exact command. When the service said so
 * (a refused refresh, a refused token), its code, HTTP status and request id are kept.
 */
export class SsoLoginRequiredError extends SsoCredentialsError {
  override name = "SsoLoginRequiredError";
  readonly serviceCode?: string;
  readonly httpStatusCode?: number;
  readonly requestId?: string;

  constructor(message: string, options: SsoLoginRequiredErrorOptions = {}) {
    super(message, options);
    this.serviceCode = options.serviceCode;
    this.httpStatusCode = options.httpStatusCode;
    this.requestId = options.requestId;
  }
}
