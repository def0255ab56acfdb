import { describeLoginTarget } from "./describeLoginTarget.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";

export interface LoginInOtherProcessFailedErrorOptions {
  target: LoginTarget;
  /** The process that ran the login. */
  pid: number | undefined;
  /** Its error's name and message, as it recorded them (our messages hold no secret). */
  errorName: string;
  errorMessage: string;
}

/**
 * This process waited for the login another process was running for the same session (one login
 * for many waiters), and that login failed. Its message, which names the fix, is repeated here.
 */
export class LoginInOtherProcessFailedError extends SsoLoginRequiredError {
  override name = "LoginInOtherProcessFailedError";
  readonly pid: number | undefined;
  readonly otherErrorName: string;

  constructor(options: LoginInOtherProcessFailedErrorOptions) {
    const { target, pid, errorName, errorMessage } = options;
    super(`The login to ${describeLoginTarget(target)} that ${pid === undefined ? "another process" : `process ${pid}`} ran for this one failed (${errorName}): ${errorMessage}`);
    this.pid = pid;
    this.otherErrorName = errorName;
  }
}
