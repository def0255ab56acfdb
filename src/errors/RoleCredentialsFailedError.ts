import { SsoServiceError, type ServiceErrorDetails } from "./SsoServiceError.js";

export interface RoleCredentialsFailedErrorOptions extends ServiceErrorDetails {
  accountId: string;
  roleName: string;
  /** What went wrong and what to do, as the end of the message. */
  problem: string;
  cause?: unknown;
}

/**
 * GetRoleCredentials failed for another reason than an unusable token: 403 (no assignment to that role),
 * 404 (no such account), 429 (throttled), 5xx, network. `serviceCode` says which.
 */
export class RoleCredentialsFailedError extends SsoServiceError {
  override name = "RoleCredentialsFailedError";
  readonly accountId: string;
  readonly roleName: string;

  constructor(options: RoleCredentialsFailedErrorOptions) {
    super(`Could not get credentials for role ${options.roleName} in account ${options.accountId}: ${options.problem}`, options);
    this.accountId = options.accountId;
    this.roleName = options.roleName;
  }
}
