import { describeLoginTarget } from "./describeLoginTarget.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";

export interface LoginWaitTimeoutErrorOptions {
  target: LoginTarget;
  /** The token cache file that was watched. */
  path: string;
  waitedMs: number;
  /** Why a login was needed: the login error the provider met. */
  cause: unknown;
}

/** `onLoginRequired: "wait"`: no new token reached the cache within `loginWaitTimeoutMs`. */
export class LoginWaitTimeoutError extends SsoLoginRequiredError {
  override name = "LoginWaitTimeoutError";
  readonly path: string;
  readonly waitedMs: number;

  constructor(options: LoginWaitTimeoutErrorOptions) {
    const { target, path, waitedMs, cause } = options;
    super(
      `Waited ${Math.round(waitedMs / 1000)} s for a login to ${describeLoginTarget(target)} (a new token in ${path}), and none came. ` +
        `Run: ${loginFixCommand(target)}`,
      { cause },
    );
    this.path = path;
    this.waitedMs = waitedMs;
  }
}
