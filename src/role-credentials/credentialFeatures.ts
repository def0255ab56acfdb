import type { SsoRoleCredentials } from "./SsoRoleCredentials.js";

/**
 * The AWS SDK's credential feature ids (its user-agent metrics), for what this provider does:
 * the same ids and codes the SDK's own providers set, so a client's user agent reports the same.
 * - `CREDENTIALS_SSO` ("s"): `fromSSO` for an `sso_session` profile; `CREDENTIALS_SSO_LEGACY` ("u") for a legacy one.
 * - `CREDENTIALS_STS_ASSUME_ROLE` ("i"): the SDK's STS role assumer, for each role a chain assumes;
 *   `CREDENTIALS_PROFILE_SOURCE_PROFILE` ("o"): `fromIni`, for a profile whose role is assumed with its source profile's credentials.
 */
export const CREDENTIAL_FEATURES = Object.freeze({
  CREDENTIALS_SSO: "s",
  CREDENTIALS_SSO_LEGACY: "u",
  CREDENTIALS_STS_ASSUME_ROLE: "i",
  CREDENTIALS_PROFILE_SOURCE_PROFILE: "o",
} as const);

export type CredentialFeature = keyof typeof CREDENTIAL_FEATURES;

/**
 * Marks credentials as the SDK's `setCredentialFeature` (`@aws-sdk/core/client`) does: `$source`, an
 * object of feature id → code. Done here rather than with that function, which would load
 * `@aws-sdk/core/client` (about 20 ms) in a process that otherwise never needs it.
 */
export function markCredentialFeatures<T extends SsoRoleCredentials>(credentials: T, ...features: CredentialFeature[]): T {
  credentials.$source ??= {};
  for (const feature of features) credentials.$source[feature] = CREDENTIAL_FEATURES[feature];
  return credentials;
}
