import { describeLoginTarget } from "./describeLoginTarget.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import type { ServiceErrorDetails } from "./SsoServiceError.js";

export interface LoginDeniedErrorOptions extends ServiceErrorDetails {
  target: LoginTarget;
  cause?: unknown;
}

/** The sign-in was refused (`access_denied`): the user clicked "Deny", or may not use this application. */
export class LoginDeniedError extends SsoLoginRequiredError {
  override name = "LoginDeniedError";

  constructor(options: LoginDeniedErrorOptions) {
    super(
      `The sign-in for ${describeLoginTarget(options.target)} was denied (access_denied): the request was refused in the browser, ` +
        `or this user may not use the application. To try again, and allow it: ${loginFixCommand(options.target)}`,
      { ...options, serviceCode: options.serviceCode ?? "access_denied" },
    );
  }
}
