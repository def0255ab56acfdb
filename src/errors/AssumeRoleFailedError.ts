import { SsoServiceError, type ServiceErrorDetails } from "./SsoServiceError.js";

export interface AssumeRoleFailedErrorOptions extends ServiceErrorDetails {
  /** The profile whose role could not be assumed. */
  profile: string;
  roleArn: string;
  /** What went wrong and what to do, as the end of the message. */
  problem: string;
  cause?: unknown;
}

/**
 * STS AssumeRole failed for a profile of a role chain: access denied (trust policy, external_id,
 * MFA), a region where STS is off, invalid input, throttling, 5xx, network. `serviceCode` says which.
 */
export class AssumeRoleFailedError extends SsoServiceError {
  override name = "AssumeRoleFailedError";
  readonly profile: string;
  readonly roleArn: string;

  constructor(options: AssumeRoleFailedErrorOptions) {
    super(`Could not assume role ${options.roleArn} for profile "${options.profile}": ${options.problem}`, options);
    this.profile = options.profile;
    this.roleArn = options.roleArn;
  }
}
