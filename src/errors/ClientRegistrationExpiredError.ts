import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import { loginCommand, type LoginTarget } from "./loginCommand.js";

/** The OIDC client registration in the cache has expired, so the token cannot be refreshed with it. */
export class ClientRegistrationExpiredError extends SsoLoginRequiredError {
  override name = "ClientRegistrationExpiredError";
  readonly path: string;
  readonly registrationExpiresAt: Date;

  constructor(path: string, registrationExpiresAt: Date, target: LoginTarget) {
    super(
      `The client registration in ${path} expired at ${registrationExpiresAt.toISOString()}, ` +
        `so the SSO token cannot be refreshed. Run: ${loginCommand(target)}`,
    );
    this.path = path;
    this.registrationExpiresAt = registrationExpiresAt;
  }
}
