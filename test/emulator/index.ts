export {
  IdentityCenterEmulator,
  type AccessKeyInfo,
  type DeviceAuthorizationInfo,
  type MintAuthorizationCodeOptions,
  type UserAccessKey,
} from "./IdentityCenterEmulator.js";
export { visitLikeABrowser, type BrowserHop } from "./visitLikeABrowser.js";
export { redirectUriMatches } from "./redirectUriMatches.js";
export { EmulatorControl, type CallReport, type RefreshTokenReport } from "./EmulatorControl.js";
export { startStandaloneEmulator, type StandaloneEmulator, type StartStandaloneEmulatorOptions } from "./startStandaloneEmulator.js";
export { ManualClock } from "./ManualClock.js";
export { OffsetClock } from "./OffsetClock.js";
export {
  AUTHORIZE_OUTCOMES,
  DEFAULT_ACCOUNTS,
  DEFAULT_RUNTIME_CONFIG,
  ROTATION_MODES,
  type AuthorizeOutcome,
  type EmulatorAccount,
  type EmulatorOptions,
  type EmulatorRuntimeConfig,
  type LatencySetting,
  type RoleTrust,
  type RotationMode,
} from "./EmulatorOptions.js";
export { MALFORM_KINDS, type FaultSpec, type MalformKind } from "./FaultSpec.js";
export {
  DEFAULT_SCOPES,
  DEFAULT_START_URL,
  issuedSessionFromJson,
  issuedSessionToJson,
  type IssuedSession,
  type IssuedSessionJson,
  type IssueSessionOptions,
} from "./IssuedSession.js";
export {
  COUNTED_NAMES,
  OPERATION_NAMES,
  PAGE_NAMES,
  type CallCounts,
  type CountedName,
  type OperationName,
  type PageName,
  type ServiceName,
} from "./OperationName.js";
export {
  OIDC_ERROR_REASONS,
  OIDC_ERRORS,
  PORTAL_ERRORS,
  STS_ERRORS,
  type OidcErrorName,
  type PortalErrorName,
  type StsErrorCode,
} from "./EmulatorHttpError.js";
export { AUTHORIZATION_CODE_GRANT, DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT, pkceS256 } from "./oidcHandlers.js";
export { BEARER_TOKEN_HEADER, SSO_USER_NAME, ssoRoleName } from "./portalHandlers.js";
export type {
  AccessKeyKind,
  AssumedRoleCredentials,
  AuthorizeRequestRecord,
  DeviceAuthorizationStatus,
  IssuedRoleCredentials,
  StsRequestRecord,
} from "./TokenStore.js";
