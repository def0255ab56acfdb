import type { AwsCredentialIdentity } from "@smithy/types";

/** What the provider resolves with: role credentials that expire, and the account they belong to. */
export interface SsoRoleCredentials extends AwsCredentialIdentity {
  sessionToken: string;
  expiration: Date;
  accountId: string;
}
