import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import { loginCommand, type LoginTarget } from "./loginCommand.js";

/**
 * The cached token has expired and cannot be refreshed: a legacy profile (`sso_start_url` in the profile,
 * no refresh token), or a session cache without a refresh token or client registration.
 */
export class SsoTokenExpiredError extends SsoLoginRequiredError {
  override name = "SsoTokenExpiredError";
  readonly path: string;
  readonly expiresAt: Date;

  constructor(path: string, expiresAt: Date, why: string, target: LoginTarget) {
    super(
      `The SSO token in ${path} expired at ${expiresAt.toISOString()} and ${why}. Run: ${loginCommand(target)}`,
    );
    this.path = path;
    this.expiresAt = expiresAt;
  }
}
