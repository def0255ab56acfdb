import { describeLoginTarget } from "./describeLoginTarget.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import type { ServiceErrorDetails } from "./SsoServiceError.js";

export interface AccountListUnauthorizedErrorOptions extends ServiceErrorDetails {
  target: LoginTarget;
  operation: "ListAccounts" | "ListAccountRoles";
  cause?: unknown;
}

/** The portal refused the session's token (401) while listing its accounts and roles: the session ended or was revoked. */
export class AccountListUnauthorizedError extends SsoLoginRequiredError {
  override name = "AccountListUnauthorizedError";
  readonly operation: AccountListUnauthorizedErrorOptions["operation"];

  constructor(options: AccountListUnauthorizedErrorOptions) {
    const { target, operation } = options;
    super(
      `IAM Identity Center refused the cached SSO token (${options.serviceCode ?? "UnauthorizedException"}) in ${operation} for ${describeLoginTarget(target)}: ` +
        `the session has ended or was revoked. Run: ${loginFixCommand(target)}`,
      options,
    );
    this.operation = operation;
  }
}
