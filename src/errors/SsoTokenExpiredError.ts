import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";

/** Why an expired token cannot be refreshed, when it is not the registration (see `ClientRegistrationExpiredError`). */
export type TokenNotRefreshableReason = "legacy-profile" | "no-refresh-token";

export interface SsoTokenExpiredErrorOptions {
  path: string;
  expiresAt: Date;
  reason: TokenNotRefreshableReason;
  target: LoginTarget;
}

const WHY: Readonly<Record<TokenNotRefreshableReason, string>> = {
  "legacy-profile": "a legacy profile (sso_start_url in the profile) cannot refresh it; an [sso-session] section can",
  "no-refresh-token": "the cache holds no refresh token and client registration",
};

/**
 * The cached token has expired and cannot be refreshed: a legacy profile (`sso_start_url` in the profile,
 * no refresh token), or a session cache without a refresh token or client registration.
 */
export class SsoTokenExpiredError extends SsoLoginRequiredError {
  override name = "SsoTokenExpiredError";
  readonly path: string;
  readonly expiresAt: Date;
  readonly reason: TokenNotRefreshableReason;

  constructor(options: SsoTokenExpiredErrorOptions) {
    const { path, expiresAt, reason, target } = options;
    super(`The SSO token in ${path} expired at ${expiresAt.toISOString()} and ${WHY[reason]}. Run: ${loginFixCommand(target)}`);
    this.path = path;
    this.expiresAt = expiresAt;
    this.reason = reason;
  }
}
