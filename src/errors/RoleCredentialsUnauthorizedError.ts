import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import { loginCommand, type LoginTarget } from "./loginCommand.js";

/** GetRoleCredentials answered 401: the service no longer accepts the cached access token. */
export class RoleCredentialsUnauthorizedError extends SsoLoginRequiredError {
  override name = "RoleCredentialsUnauthorizedError";
  readonly accountId: string;
  readonly roleName: string;
  readonly serviceCode: string;

  constructor(accountId: string, roleName: string, serviceCode: string, target: LoginTarget, options: { cause?: unknown } = {}) {
    super(
      `IAM Identity Center refused the cached SSO token (${serviceCode}) when asked for role ${roleName} in account ${accountId}: ` +
        `the session has ended or was revoked. Run: ${loginCommand(target)}`,
      options,
    );
    this.accountId = accountId;
    this.roleName = roleName;
    this.serviceCode = serviceCode;
  }
}
