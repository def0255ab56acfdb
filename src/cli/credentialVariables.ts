import type { ResolvedCredentials } from "../provider/CredentialResolver.js";

/** A variable name and its value, in the order they are printed. */
export type EnvironmentVariable = readonly [name: string, value: string];

/**
 * The environment variables every AWS SDK and the AWS CLI read credentials from, plus the
 * account (the SDKs' `AWS_ACCOUNT_ID`) and, when the profile sets `region`, the region under both
 * names (`AWS_REGION` for the JS SDK, `AWS_DEFAULT_REGION` for botocore and the AWS CLI).
 */
export function credentialVariables({ credentials, chain }: ResolvedCredentials): EnvironmentVariable[] {
  const region = chain.region;
  const variables: EnvironmentVariable[] = [
    ["AWS_ACCESS_KEY_ID", credentials.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey],
    ["AWS_SESSION_TOKEN", credentials.sessionToken],
    ["AWS_CREDENTIAL_EXPIRATION", credentials.expiration.toISOString()],
    ["AWS_ACCOUNT_ID", credentials.accountId],
  ];
  if (region !== undefined) variables.push(["AWS_REGION", region], ["AWS_DEFAULT_REGION", region]);
  return variables;
}
