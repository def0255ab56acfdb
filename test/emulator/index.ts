export { IdentityCenterEmulator, type MintAuthorizationCodeOptions } from "./IdentityCenterEmulator.js";
export { EmulatorControl, type CallReport, type RefreshTokenReport } from "./EmulatorControl.js";
export { startStandaloneEmulator, type StandaloneEmulator, type StartStandaloneEmulatorOptions } from "./startStandaloneEmulator.js";
export { ManualClock } from "./ManualClock.js";
export { OffsetClock } from "./OffsetClock.js";
export {
  DEFAULT_ACCOUNTS,
  DEFAULT_RUNTIME_CONFIG,
  ROTATION_MODES,
  type EmulatorAccount,
  type EmulatorOptions,
  type EmulatorRuntimeConfig,
  type LatencySetting,
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
export { OPERATION_NAMES, type CallCounts, type OperationName } from "./OperationName.js";
export { OIDC_ERRORS, PORTAL_ERRORS, type OidcErrorName, type PortalErrorName } from "./EmulatorHttpError.js";
export { AUTHORIZATION_CODE_GRANT, DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT, pkceS256 } from "./oidcHandlers.js";
export { BEARER_TOKEN_HEADER } from "./portalHandlers.js";
export type { IssuedRoleCredentials } from "./TokenStore.js";
