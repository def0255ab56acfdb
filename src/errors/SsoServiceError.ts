import { SsoCredentialsError, type SsoCredentialsErrorOptions } from "./SsoCredentialsError.js";

export interface SsoServiceErrorOptions extends SsoCredentialsErrorOptions {
  /** The service's error code (for example `InternalServerException`), when it sent one. */
  serviceCode?: string;
  /** The HTTP status the service answered with, when it answered. */
  httpStatusCode?: number;
}

/** IAM Identity Center failed or could not be reached; trying again later may succeed. */
export class SsoServiceError extends SsoCredentialsError {
  override name = "SsoServiceError";
  readonly serviceCode?: string;
  readonly httpStatusCode?: number;

  constructor(message: string, options: SsoServiceErrorOptions = {}) {
    super(message, options);
    this.serviceCode = options.serviceCode;
    this.httpStatusCode = options.httpStatusCode;
  }
}
