import { SsoServiceError, type SsoServiceErrorOptions } from "./SsoServiceError.js";

/**
 * GetRoleCredentials failed for another reason than an unusable token: 403 (no assignment to that role),
 * 404 (no such account), 429 (throttled), 5xx, network. `serviceCode` says which.
 */
export class RoleCredentialsFailedError extends SsoServiceError {
  override name = "RoleCredentialsFailedError";
  readonly accountId: string;
  readonly roleName: string;

  constructor(accountId: string, roleName: string, problem: string, options: SsoServiceErrorOptions = {}) {
    super(`Could not get credentials for role ${roleName} in account ${accountId}: ${problem}`, options);
    this.accountId = accountId;
    this.roleName = roleName;
  }
}
