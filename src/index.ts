// The public API. Everything a user imports is named here; nothing else is exported.
export { fromSSO } from "./fromSSO.js";
export type { SsoCredentialProvider, SsoCredentialProviderProps } from "./fromSSO.js";
export type { FromSSOInit, LockInit } from "./FromSSOInit.js";
export type { Clock } from "./clock/Clock.js";
export { systemClock } from "./clock/systemClock.js";
export type { SsoRoleCredentials } from "./role-credentials/SsoRoleCredentials.js";
export type { SsoProfile } from "./config/SsoProfile.js";
export type { AssumeRoleParams, MfaCodeProvider, RoleAssumer } from "./role-credentials/RoleAssumer.js";

export { login } from "./login/login.js";
export type { LoginOptions } from "./login/LoginOptions.js";
export type { LoginResult } from "./login/LoginResult.js";
export type { LoginFlow } from "./login/LoginFlow.js";
export type { LoginPrompt } from "./login/LoginPrompt.js";
export type { BrowserOpenOutcome } from "./login/openInBrowser.js";
export { renderLoginPrompt } from "./login/renderLoginPrompt.js";
export { logout } from "./login/logout.js";
export type { LogoutOptions, LogoutResult } from "./login/LogoutOptions.js";

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
export { LoginDeniedError } from "./errors/LoginDeniedError.js";
export { LoginExpiredError } from "./errors/LoginExpiredError.js";
export { LoginRejectedError } from "./errors/LoginRejectedError.js";
export { LoginCallbackTimeoutError } from "./errors/LoginCallbackTimeoutError.js";
export { LoginCallbackServerError } from "./errors/LoginCallbackServerError.js";
export { LoginInOtherProcessFailedError } from "./errors/LoginInOtherProcessFailedError.js";
export { LoginWaitTimeoutError } from "./errors/LoginWaitTimeoutError.js";
export { AccountListUnauthorizedError } from "./errors/AccountListUnauthorizedError.js";
export { LoginFailedError } from "./errors/LoginFailedError.js";
export { AccountListFailedError } from "./errors/AccountListFailedError.js";

export { SsoTokenCacheFileError } from "./errors/SsoTokenCacheFileError.js";
export { SsoTokenCacheWriteError } from "./errors/SsoTokenCacheWriteError.js";
export { SsoTokenCacheLockTimeoutError } from "./errors/SsoTokenCacheLockTimeoutError.js";
export { SsoTokenCacheLockPathError } from "./errors/SsoTokenCacheLockPathError.js";
