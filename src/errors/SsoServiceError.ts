import { SsoCredentialsError, type SsoCredentialsErrorOptions } from "./SsoCredentialsError.js";

/** What the service said about a failed call, as kept on every {@link SsoServiceError}. */
export interface ServiceErrorDetails {
  /** The service's error code (for example `InternalServerException`), or a network code, when known. */
  serviceCode?: string;
  /** The HTTP status the service answered with, when it answered. */
  httpStatusCode?: number;
  /** The service's request id (`x-amzn-RequestId`), for a support case, when it answered. */
  requestId?: string;
}

export interface SsoServiceErrorOptions extends SsoCredentialsErrorOptions, ServiceErrorDetails {}

/** IAM Identity Center (or STS) failed or could not be reached; trying again later may succeed. */
export class SsoServiceError extends SsoCredentialsError {
  override name = "SsoServiceError";
  readonly serviceCode?: string;
  readonly httpStatusCode?: number;
  readonly requestId?: string;

  constructor(message: string, options: SsoServiceErrorOptions = {}) {
    super(message, options);
    this.serviceCode = options.serviceCode;
    this.httpStatusCode = options.httpStatusCode;
    this.requestId = options.requestId;
  }
}
