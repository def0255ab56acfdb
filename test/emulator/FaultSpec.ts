/**
 * An injected error response (see `IdentityCenterEmulator.failNext`).
 * For the OIDC operations the body is `{"error", "error_description"}` (plus `reason` and `message` when given);
 * for the portal operations it is `{"message"}`. `errorType` goes in the `x-amzn-ErrorType` header.
 */
export interface FaultSpec {
  /**
   * HTTP status, e.g. 400, 401, 429, 500, 503. May be left out when `errorType` names an error of
   * the operation's service model: the model's status is used (SlowDownException → 400).
   */
  readonly status?: number;
  /** Exception name sent in `x-amzn-ErrorType`; defaults from the status and the service. */
  readonly errorType?: string;
  /** OIDC only: the OAuth `error` code; defaults from `errorType` (e.g. InvalidGrantException → invalid_grant). */
  readonly error?: string;
  /** OIDC only: `error_description`. */
  readonly description?: string;
  /** Portal: the `message` field (OIDC: sent as an extra `message` field when given). */
  readonly message?: string;
  /**
   * OIDC only, and only where the model has it: the `reason` of AccessDeniedException
   * (`KMS_AccessDeniedException`) or InvalidRequestException (`KMS_NotFoundException`,
   * `KMS_InvalidKeyUsageException`, `KMS_InvalidStateException`, `KMS_DisabledException`).
   */
  readonly reason?: string;
}

/** A `FaultSpec` whose status has been resolved. */
export type ResolvedFaultSpec = FaultSpec & { readonly status: number };

/**
 * A malformed successful (200) response, or no response at all:
 * - `invalid-json`: a truncated JSON body;
 * - `missing-fields`: valid JSON with the required output members absent;
 * - `empty`: a 200 with an empty body;
 * - `hang`: the request is never answered (until the client gives up or the emulator stops).
 */
export type MalformKind = "invalid-json" | "missing-fields" | "empty" | "hang";

export const MALFORM_KINDS: readonly MalformKind[] = Object.freeze(["invalid-json", "missing-fields", "empty", "hang"]);

export function isMalformKind(value: unknown): value is MalformKind {
  return typeof value === "string" && (MALFORM_KINDS as readonly string[]).includes(value);
}

/** One queued fault: an error response or a malformed one. */
export type InjectedFault = { readonly kind: "fail"; readonly spec: ResolvedFaultSpec } | { readonly kind: "malform"; readonly malform: MalformKind };
