import { describeLoginTarget } from "./describeLoginTarget.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoServiceError, type ServiceErrorDetails } from "./SsoServiceError.js";

export interface LoginFailedErrorOptions extends ServiceErrorDetails {
  target: LoginTarget;
  /** The SSO OIDC operation that failed. */
  operation: "RegisterClient" | "StartDeviceAuthorization" | "CreateToken";
  /** One line from `serviceFailure`: code, status and the service's message. */
  problem: string;
  cause?: unknown;
}

/** SSO OIDC failed or could not be reached during a login (5xx after retries, network, timeout, an unusable answer). */
export class LoginFailedError extends SsoServiceError {
  override name = "LoginFailedError";
  readonly operation: LoginFailedErrorOptions["operation"];

  constructor(options: LoginFailedErrorOptions) {
    const { target, operation, problem } = options;
    super(
      `The login to ${describeLoginTarget(target)} failed: SSO OIDC ${operation} did not succeed (${problem}). ` +
        "Nothing was written to the token cache. Check the network (and HTTPS_PROXY), then log in again.",
      options,
    );
    this.operation = operation;
  }
}
