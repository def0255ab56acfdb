import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";

export interface ClientRegistrationExpiredErrorOptions {
  /** The token cache file holding the registration. */
  path: string;
  registrationExpiresAt: Date;
  target: LoginTarget;
}

/** The OIDC client registration in the cache has expired, so the token cannot be refreshed with it. */
export class ClientRegistrationExpiredError extends SsoLoginRequiredError {
  override name = "ClientRegistrationExpiredError";
  readonly path: string;
  readonly registrationExpiresAt: Date;

  constructor(options: ClientRegistrationExpiredErrorOptions) {
    super(
      `The client registration in ${options.path} expired at ${options.registrationExpiresAt.toISOString()}, ` +
        `so the SSO token cannot be refreshed. Run: ${loginFixCommand(options.target)}`,
    );
    this.path = options.path;
    this.registrationExpiresAt = options.registrationExpiresAt;
  }
}
