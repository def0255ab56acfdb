// The public API. Everything a user imports is named here; nothing else is exported.
export { fromSSO } from "./fromSSO.js";
export type { SsoCredentialProvider, SsoCredentialProviderProps } from "./fromSSO.js";
export type { FromSSOInit, LockInit } from "./FromSSOInit.js";
export type { Clock } from "./clock/Clock.js";
export { systemClock } from "./clock/systemClock.js";
export type { SsoRoleCredentials } from "./role-credentials/SsoRoleCredentials.js";
export type { SsoProfile } from "./config/SsoProfile.js";
export type { AssumeRoleParams, MfaCodeProvider, RoleAssumer } from "./role-credentials/RoleAssumer.js";

export { SsoCredentialsError } from "./errors/SsoCredentialsError.js";
export { SsoConfigError } from "./errors/SsoConfigError.js";
export { SsoLoginRequiredError } from "./errors/SsoLoginRequiredError.js";
export { SsoServiceError } from "./errors/SsoServiceError.js";
export { SsoTokenCacheError } from "./errors/SsoTokenCacheError.js";

export { ConfigFileParseError } from "./errors/ConfigFileParseError.js";
export { ProfileNotFoundError } from "./errors/ProfileNotFoundError.js";
export { NotSsoProfileError } from "./errors/NotSsoProfileError.js";
export { MissingSsoFieldError } from "./errors/MissingSsoFieldError.js";
export { ConflictingSsoConfigError } from "./errors/ConflictingSsoConfigError.js";
export { InvalidSsoConfigError } from "./errors/InvalidSsoConfigError.js";
export { SsoSessionNotFoundError } from "./errors/SsoSessionNotFoundError.js";
export { HomeDirectoryNotFoundError } from "./errors/HomeDirectoryNotFoundError.js";
export { SharedConfigFileReadError } from "./errors/SharedConfigFileReadError.js";
export { InvalidOptionError } from "./errors/InvalidOptionError.js";
export { ProfileChainCycleError } from "./errors/ProfileChainCycleError.js";
export { SourceProfileNotFoundError } from "./errors/SourceProfileNotFoundError.js";
export { ChainRootNotSsoError } from "./errors/ChainRootNotSsoError.js";
export { CredentialSourceNotSupportedError } from "./errors/CredentialSourceNotSupportedError.js";
export { MfaCodeRequiredError } from "./errors/MfaCodeRequiredError.js";

export { SsoTokenNotFoundError } from "./errors/SsoTokenNotFoundError.js";
export { SsoTokenExpiredError } from "./errors/SsoTokenExpiredError.js";
export { ClientRegistrationExpiredError } from "./errors/ClientRegistrationExpiredError.js";
export { TokenRefreshRejectedError } from "./errors/TokenRefreshRejectedError.js";
export { TokenRefreshFailedError } from "./errors/TokenRefreshFailedError.js";
export { RoleCredentialsUnauthorizedError } from "./errors/RoleCredentialsUnauthorizedError.js";
export { RoleCredentialsFailedError } from "./errors/RoleCredentialsFailedError.js";
export { AssumeRoleFailedError } from "./errors/AssumeRoleFailedError.js";

export { SsoTokenCacheFileError } from "./errors/SsoTokenCacheFileError.js";
export { SsoTokenCacheWriteError } from "./errors/SsoTokenCacheWriteError.js";
export { SsoTokenCacheLockTimeoutError } from "./errors/SsoTokenCacheLockTimeoutError.js";
export { SsoTokenCacheLockPathError } from "./errors/SsoTokenCacheLockPathError.js";
