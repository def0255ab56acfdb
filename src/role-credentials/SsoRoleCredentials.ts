import type { AwsCredentialIdentity } from "@smithy/types";

/**
 * What the provider resolves with: role credentials that expire, and the account they belong to.
 * A plain, mutable object, new for each fetch: the SDK marks credentials with the features that
 * produced them (`$source`, through `setCredentialFeature`), for its user-agent metrics.
 */
export interface SsoRoleCredentials extends AwsCredentialIdentity {
  sessionToken: string;
  expiration: Date;
  accountId: string;
  /** The SDK's credential feature marks (`CREDENTIALS_SSO: "s"`...), as `setCredentialFeature` sets them. */
  $source?: Record<string, string>;
}
