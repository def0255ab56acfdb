import type { ResolvedCredentials, SsoCredentialProviderProps } from "../provider/CredentialResolver.js";

/**
 * Where the endpoint gets credentials: a `CredentialResolver` (the locked token refresh, and whatever
 * else the resolver does for a profile). `forceRefresh` asks for new credentials even when the
 * resolver's own memo would still hand out the ones it has.
 */
export interface CredentialSource {
  resolve(profileName: string, props?: SsoCredentialProviderProps): Promise<ResolvedCredentials>;
}
