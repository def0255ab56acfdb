import { describeLoginTarget } from "./describeLoginTarget.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoServiceError, type ServiceErrorDetails } from "./SsoServiceError.js";

export interface AccountListFailedErrorOptions extends ServiceErrorDetails {
  target: LoginTarget;
  operation: "ListAccounts" | "ListAccountRoles";
  /** One line from `serviceFailure`. */
  problem: string;
  cause?: unknown;
}

/** The portal failed or could not be reached while listing a session's accounts and roles. Trying again may help. */
export class AccountListFailedError extends SsoServiceError {
  override name = "AccountListFailedError";
  readonly operation: AccountListFailedErrorOptions["operation"];

  constructor(options: AccountListFailedErrorOptions) {
    const { target, operation, problem } = options;
    super(`Could not list the accounts and roles of ${describeLoginTarget(target)}: ${operation} failed (${problem}). Try again.`, options);
    this.operation = operation;
  }
}
