import type { OperationName } from "./OperationName.js";

/**
 * How CreateToken with grant `refresh_token` treats the refresh token it was given:
 * - `rotate`: a new refresh token every time; the used one is dead (reuse → InvalidGrantException);
 * - `rotate-with-grace`: a new refresh token every time; the used one keeps working for
 *   `rotationGraceSeconds` after its first use;
 * - `none`: the response carries no `refreshToken`; the same refresh token keeps working.
 */
export type RotationMode = "rotate" | "rotate-with-grace" | "none";

export const ROTATION_MODES: readonly RotationMode[] = Object.freeze(["rotate", "rotate-with-grace", "none"]);

export function isRotationMode(value: unknown): value is RotationMode {
  return typeof value === "string" && (ROTATION_MODES as readonly string[]).includes(value);
}

/**
 * What the simulated user does on the browser pages (`GET /authorize`, `GET /device`):
 * `approve` signs in and allows the request; `deny` refuses it (error=access_denied / AccessDeniedException).
 */
export type AuthorizeOutcome = "approve" | "deny";

export const AUTHORIZE_OUTCOMES: readonly AuthorizeOutcome[] = Object.freeze(["approve", "deny"]);

export function isAuthorizeOutcome(value: unknown): value is AuthorizeOutcome {
  return typeof value === "string" && (AUTHORIZE_OUTCOMES as readonly string[]).includes(value);
}

/** Delay (ms) applied before a request is processed: one value for all operations, or per operation. */
export type LatencySetting = number | Partial<Record<OperationName, number>>;

/** An AWS account in the emulated directory, with the permission sets (roles) assigned to the user. */
export interface EmulatorAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress?: string;
  readonly roles: readonly string[];
}

/**
 * What a role's trust policy demands of AssumeRole (see `IdentityCenterEmulator.setRoleTrust`).
 * A role without an entry can be assumed by any emulator-issued key, without ExternalId or MFA.
 */
export interface RoleTrust {
  /** AssumeRole must pass exactly this `ExternalId` (else AccessDenied). */
  readonly externalId?: string;
  /** AssumeRole must pass `SerialNumber` = this MFA device ARN and a `TokenCode` (else AccessDenied). */
  readonly mfaSerial?: string;
  /** The code the MFA device shows; default: any 6 digits are accepted. */
  readonly mfaTokenCode?: string;
  /** The role's MaxSessionDuration: a larger `DurationSeconds` is a ValidationError. Default 3600 (IAM's default), at most 43200. */
  readonly maxSessionDurationSeconds?: number;
  /** Nobody may assume the role (AccessDenied): it does not exist or does not trust the caller. */
  readonly deny?: boolean;
}

/** Settings that can be changed while the emulator runs (`configure`, or `POST /__emulator/config`). */
export interface EmulatorRuntimeConfig {
  latencyMs: LatencySetting;
  rotation: RotationMode;
  rotationGraceSeconds: number;
  accessTokenTtlSeconds: number;
  roleCredentialsTtlSeconds: number;
  /** Device authorizations are approved as soon as they are started. */
  autoApproveDevices: boolean;
  /** Polling CreateToken (device_code) faster than `interval` gets SlowDownException. */
  enforceDevicePollInterval: boolean;
  /** The simulated user's answer on `GET /authorize` and `GET /device` (see also `denyNextAuthorize`). */
  authorizeOutcome: AuthorizeOutcome;
  /**
   * AssumeRole credentials live at most this long, whatever `DurationSeconds` says (which cannot go
   * below 900): e.g. 20 for a test that watches them expire. `null`: no cap (the default).
   */
  assumeRoleTtlCapSeconds: number | null;
  /** Regions where STS is not activated: a request signed for one gets RegionDisabledException (403). */
  stsDisabledRegions: readonly string[];
}

export interface EmulatorOptions extends Partial<EmulatorRuntimeConfig> {
  /** Clock (epoch ms) for every expiry decision. Default `Date.now`. */
  readonly now?: () => number;
  /** Port to listen on (127.0.0.1 only). Default 0 (any free port). */
  readonly port?: number;
  /** Default [{ 111122223333 "Development", roles ReadOnly, Administrator }]. */
  readonly accounts?: readonly EmulatorAccount[];
  /** Lifetime of a client registration. Default 90 days. */
  readonly registrationTtlSeconds?: number;
  /** Lifetime of a sign-in session (its refresh tokens die with it). Default 90 days. */
  readonly sessionTtlSeconds?: number;
  /** `expiresIn` of a device authorization. Default 600. */
  readonly deviceCodeTtlSeconds?: number;
  /** `interval` of a device authorization. Default 1. */
  readonly devicePollIntervalSeconds?: number;
  /** Lifetime of a minted authorization code. Default 600. */
  readonly authorizationCodeTtlSeconds?: number;
  /** Moves the clock behind `now` forward; enables the control API's `advance-clock` (see `OffsetClock`). */
  readonly advanceClock?: (ms: number) => void;
  /** Trust policies of roles, by role ARN (see `RoleTrust`). */
  readonly roleTrust?: Readonly<Record<string, RoleTrust>>;
  /** Serve the `/__emulator/` control API on the same server. Default false (the standalone server turns it on). */
  readonly controlApi?: boolean;
}

export const DEFAULT_ACCOUNTS: readonly EmulatorAccount[] = Object.freeze([
  Object.freeze({
    accountId: "111122223333",
    accountName: "Development",
    emailAddress: "dev@example.com",
    roles: Object.freeze(["ReadOnly", "Administrator"]),
  }),
]);

export const DEFAULT_RUNTIME_CONFIG: Readonly<EmulatorRuntimeConfig> = Object.freeze({
  latencyMs: 0,
  rotation: "rotate",
  rotationGraceSeconds: 10,
  accessTokenTtlSeconds: 3600,
  roleCredentialsTtlSeconds: 3600,
  autoApproveDevices: false,
  enforceDevicePollInterval: false,
  authorizeOutcome: "approve",
  assumeRoleTtlCapSeconds: null,
  stsDisabledRegions: Object.freeze([]),
});

const DAY_SECONDS = 24 * 60 * 60;
export const DEFAULT_REGISTRATION_TTL_SECONDS = 90 * DAY_SECONDS;
export const DEFAULT_SESSION_TTL_SECONDS = 90 * DAY_SECONDS;
