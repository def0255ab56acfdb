import type { FromSSOInit } from "./FromSSOInit.js";
import { CredentialResolver, type SsoCredentialProviderProps } from "./provider/CredentialResolver.js";
import { resolveProviderSettings } from "./provider/resolveProviderSettings.js";
import type { SsoRoleCredentials } from "./role-credentials/SsoRoleCredentials.js";

export type { SsoCredentialProviderProps } from "./provider/CredentialResolver.js";

/** A credential provider, assignable to the SDK's `AwsCredentialIdentityProvider`. */
export type SsoCredentialProvider = (props?: SsoCredentialProviderProps) => Promise<SsoRoleCredentials>;

/**
 * Credentials for an IAM Identity Center (SSO) profile: the cached SSO token (refreshed under a
 * cross-process lock when it is about to expire), exchanged for role credentials with
 * GetRoleCredentials. A drop-in for `fromSSO` of `@aws-sdk/credential-providers`.
 *
 * The options are checked here, so a bad value is an `InvalidOptionError` at once, not at the first
 * request. Each provider keeps its own memoized credentials, token state and SDK clients; providers
 * share nothing but the cache files.
 */
export function fromSSO(init: FromSSOInit = {}): SsoCredentialProvider {
  const resolver = new CredentialResolver(resolveProviderSettings(init));
  return (props) => resolver.credentials(resolver.profileName(props), props);
}
