import type { AwsCredentialIdentity } from "@smithy/types";

/** The AssumeRole input a profile of a role chain makes, as the SDK's `fromIni` makes it. */
export interface AssumeRoleParams {
  RoleArn: string;
  /** `role_session_name`, else `aws-sdk-js-<ms since the epoch>`. */
  RoleSessionName: string;
  ExternalId?: string;
  /** `mfa_serial`, with `TokenCode` from the `mfaCodeProvider`. */
  SerialNumber?: string;
  TokenCode?: string;
  /** `duration_seconds`, else 3600. */
  DurationSeconds?: number;
}

/**
 * Assumes a role with the given source credentials: the `roleAssumer` option, with the signature
 * of the SDK's `fromIni` option of that name. Must resolve with credentials that have a
 * `sessionToken` and an `expiration`.
 */
export type RoleAssumer = (sourceCredentials: AwsCredentialIdentity, params: AssumeRoleParams) => Promise<AwsCredentialIdentity>;

/** Asks the user for the current code of an MFA device (`mfa_serial`): the SDK's `mfaCodeProvider`. */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;
