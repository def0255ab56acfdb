import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import type { ServiceErrorDetails } from "./SsoServiceError.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";

export interface RoleCredentialsUnauthorizedErrorOptions extends ServiceErrorDetails {
  accountId: string;
  roleName: string;
  serviceCode: string;
  target: LoginTarget;
  cause?: unknown;
}

/** GetRoleCredentials answered 401 (also after a refresh): the service no longer accepts the session's token. */
export class RoleCredentialsUnauthorizedError extends SsoLoginRequiredError {
  override name = "RoleCredentialsUnauthorizedError";
  readonly accountId: string;
  readonly roleName: string;
  declare readonly serviceCode: string;

  constructor(options: RoleCredentialsUnauthorizedErrorOptions) {
    const { accountId, roleName, serviceCode, target } = options;
    super(
      `IAM Identity Center refused the cached SSO token (${serviceCode}) when asked for role ${roleName} in account ${accountId}: ` +
        `the session has ended or was revoked. Run: ${loginFixCommand(target)}`,
      options,
    );
    this.accountId = accountId;
    this.roleName = roleName;
  }
}
