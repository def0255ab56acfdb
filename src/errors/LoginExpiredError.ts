import { describeLoginTarget } from "./describeLoginTarget.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import type { ServiceErrorDetails } from "./SsoServiceError.js";

export interface LoginExpiredErrorOptions extends ServiceErrorDetails {
  target: LoginTarget;
  /** How long the code was valid, when known (the device authorization's `expiresIn`). */
  validForSeconds?: number;
  cause?: unknown;
}

/**
 * The login's code expired before the sign-in was completed: the device code (`expired_token`, or
 * its `expiresIn` passed here), or an authorization code that was not exchanged in time.
 */
export class LoginExpiredError extends SsoLoginRequiredError {
  override name = "LoginExpiredError";
  readonly validForSeconds: number | undefined;

  constructor(options: LoginExpiredErrorOptions) {
    const { target, validForSeconds } = options;
    const lifetime = validForSeconds === undefined ? "" : ` (it was valid for ${validForSeconds} s)`;
    super(
      `The sign-in for ${describeLoginTarget(target)} was not completed before its code expired${lifetime}. ` +
        `Run the login again and complete it in the browser: ${loginFixCommand(target)}`,
      { ...options, serviceCode: options.serviceCode ?? "expired_token" },
    );
    this.validForSeconds = validForSeconds;
  }
}
