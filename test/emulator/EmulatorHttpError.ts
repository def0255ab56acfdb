import type { FaultSpec, ResolvedFaultSpec } from "./FaultSpec.js";
import type { ServiceName } from "./OperationName.js";

/**
 * OIDC exception names, with their HTTP status and OAuth `error` code as the Smithy model
 * (sso-oidc.json) gives them: every modelled OIDC error is a 400 except InvalidClientException
 * (401) and InternalServerException (500). Throttling is SlowDownException, a 400.
 */
export const OIDC_ERRORS = Object.freeze({
  InvalidGrantException: { status: 400, error: "invalid_grant" },
  InvalidClientException: { status: 401, error: "invalid_client" },
  ExpiredTokenException: { status: 400, error: "expired_token" },
  AuthorizationPendingException: { status: 400, error: "authorization_pending" },
  SlowDownException: { status: 400, error: "slow_down" },
  AccessDeniedException: { status: 400, error: "access_denied" },
  UnauthorizedClientException: { status: 400, error: "unauthorized_client" },
  UnsupportedGrantTypeException: { status: 400, error: "unsupported_grant_type" },
  InvalidRequestException: { status: 400, error: "invalid_request" },
  InvalidScopeException: { status: 400, error: "invalid_scope" },
  InvalidClientMetadataException: { status: 400, error: "invalid_client_metadata" },
  InvalidRedirectUriException: { status: 400, error: "invalid_redirect_uri" },
  InternalServerException: { status: 500, error: "server_error" },
} as const satisfies Record<string, { status: number; error: string }>);

export type OidcErrorName = keyof typeof OIDC_ERRORS;

/** The `reason` values the OIDC model allows, per exception (only these two carry a `reason`). */
export const OIDC_ERROR_REASONS: Readonly<Partial<Record<OidcErrorName, readonly string[]>>> = Object.freeze({
  AccessDeniedException: Object.freeze(["KMS_AccessDeniedException"]),
  InvalidRequestException: Object.freeze(["KMS_NotFoundException", "KMS_InvalidKeyUsageException", "KMS_InvalidStateException", "KMS_DisabledException"]),
});

/** Portal (SSO) exception names with their HTTP status (sso.json; ForbiddenException is not modelled). */
export const PORTAL_ERRORS = Object.freeze({
  UnauthorizedException: 401,
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InvalidRequestException: 400,
} as const satisfies Record<string, number>);

export type PortalErrorName = keyof typeof PORTAL_ERRORS;

/**
 * STS errors by their awsQuery `Code`, with HTTP status and the name the SDK gives them. The first
 * four are AssumeRole's modelled errors (sts.json `awsQueryError` traits); the rest are the common
 * errors STS sends that no model lists, which the SDK surfaces as `STSServiceException` named by the
 * code. Caller credentials that expired get `ExpiredToken` (403), not the modelled
 * `ExpiredTokenException` (400, meant for an expired web identity or SAML token).
 */
export const STS_ERRORS = Object.freeze({
  ExpiredTokenException: { status: 400, sdkName: "ExpiredTokenException", modelled: true },
  MalformedPolicyDocument: { status: 400, sdkName: "MalformedPolicyDocumentException", modelled: true },
  PackedPolicyTooLarge: { status: 400, sdkName: "PackedPolicyTooLargeException", modelled: true },
  RegionDisabledException: { status: 403, sdkName: "RegionDisabledException", modelled: true },
  AccessDenied: { status: 403, sdkName: "AccessDenied", modelled: false },
  ExpiredToken: { status: 403, sdkName: "ExpiredToken", modelled: false },
  InvalidClientTokenId: { status: 403, sdkName: "InvalidClientTokenId", modelled: false },
  SignatureDoesNotMatch: { status: 403, sdkName: "SignatureDoesNotMatch", modelled: false },
  MissingAuthenticationToken: { status: 403, sdkName: "MissingAuthenticationToken", modelled: false },
  ValidationError: { status: 400, sdkName: "ValidationError", modelled: false },
  InvalidAction: { status: 400, sdkName: "InvalidAction", modelled: false },
  Throttling: { status: 400, sdkName: "Throttling", modelled: false },
  InternalFailure: { status: 500, sdkName: "InternalFailure", modelled: false },
  ServiceUnavailable: { status: 503, sdkName: "ServiceUnavailable", modelled: false },
} as const satisfies Record<string, { status: number; sdkName: string; modelled: boolean }>);

export type StsErrorCode = keyof typeof STS_ERRORS;

function isStsErrorCode(name: string): name is StsErrorCode {
  return Object.hasOwn(STS_ERRORS, name);
}

/** The awsQuery code for `errorType`, given as a code or as the SDK's name (MalformedPolicyDocumentException). */
function stsCodeOf(errorType: string): string {
  if (isStsErrorCode(errorType)) return errorType;
  const byName = (Object.entries(STS_ERRORS) as [StsErrorCode, { sdkName: string }][]).find(([, entry]) => entry.sdkName === errorType);
  return byName ? byName[0] : errorType;
}

const DEFAULT_STS_CODE_BY_STATUS: Readonly<Record<number, string>> = Object.freeze({
  400: "ValidationError",
  403: "AccessDenied",
  404: "NotFound",
  429: "Throttling",
  500: "InternalFailure",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
});

/**
 * Error names per status for `failNext(op, n, status)`. For OIDC a name is only taken from the
 * model where the model's status matches; other statuses get names the OIDC model does not
 * have, so the SDK surfaces them as the service's base exception (as it would for a front end's error).
 */
const DEFAULT_ERROR_TYPE_BY_STATUS: Readonly<Record<number, { oidc: string; portal: string }>> = Object.freeze({
  400: { oidc: "InvalidRequestException", portal: "InvalidRequestException" },
  401: { oidc: "InvalidClientException", portal: "UnauthorizedException" },
  403: { oidc: "ForbiddenException", portal: "ForbiddenException" },
  404: { oidc: "ResourceNotFoundException", portal: "ResourceNotFoundException" },
  429: { oidc: "TooManyRequestsException", portal: "TooManyRequestsException" },
  500: { oidc: "InternalServerException", portal: "InternalServerException" },
  502: { oidc: "BadGatewayException", portal: "BadGatewayException" },
  503: { oidc: "ServiceUnavailableException", portal: "ServiceUnavailableException" },
  504: { oidc: "GatewayTimeoutException", portal: "GatewayTimeoutException" },
});

function isOidcErrorName(name: string): name is OidcErrorName {
  return Object.hasOwn(OIDC_ERRORS, name);
}

function isPortalErrorName(name: string): name is PortalErrorName {
  return Object.hasOwn(PORTAL_ERRORS, name);
}

/** The model's HTTP status of the error `errorType` of `service`, if the model has it. */
export function modelledStatus(service: ServiceName, errorType: string): number | undefined {
  if (service === "oidc") return isOidcErrorName(errorType) ? OIDC_ERRORS[errorType].status : undefined;
  if (service === "sts") {
    const code = stsCodeOf(errorType);
    return isStsErrorCode(code) ? STS_ERRORS[code].status : undefined;
  }
  return isPortalErrorName(errorType) ? PORTAL_ERRORS[errorType] : undefined;
}

/** Fills in a fault's status (from the model when only `errorType` is given) and checks it. */
export function resolveFault(service: ServiceName, spec: FaultSpec | number): ResolvedFaultSpec {
  const given = typeof spec === "number" ? { status: spec } : spec;
  const status = given.status ?? (given.errorType === undefined ? 500 : modelledStatus(service, given.errorType));
  if (status === undefined) {
    throw new RangeError(`status is required: ${String(given.errorType)} is not an error of the ${service} model`);
  }
  if (!Number.isSafeInteger(status) || status < 400 || status > 599) {
    throw new RangeError(`status must be an HTTP error status (400-599), got ${status}`);
  }
  if (given.reason !== undefined) {
    const errorType = given.errorType ?? "";
    const allowed = service === "oidc" && isOidcErrorName(errorType) ? OIDC_ERROR_REASONS[errorType] : undefined;
    if (!allowed?.includes(given.reason)) {
      throw new RangeError(`reason ${given.reason} is not in the model for ${service} ${errorType || "(no errorType)"}`);
    }
  }
  return { ...given, status };
}

/**
 * An error response, thrown by the handlers: status, error type (the `x-amzn-ErrorType` header of
 * restJson1, the `Code` of awsQuery) and body fields (`{error, error_description}`, `{message}`, or
 * for STS `{Type, Code, Message}`, rendered as XML).
 */
export class EmulatorHttpError extends Error {
  readonly status: number;
  readonly errorType: string;
  readonly body: Readonly<Record<string, string>>;

  constructor(status: number, errorType: string, body: Readonly<Record<string, string>>) {
    super(`${status} ${errorType}`);
    this.name = "EmulatorHttpError";
    this.status = status;
    this.errorType = errorType;
    this.body = body;
  }

  /** An SSO OIDC error: `{"error","error_description"}`, plus `reason` where the model has one. */
  static oidc(name: OidcErrorName, description: string, reason?: string): EmulatorHttpError {
    const { status, error } = OIDC_ERRORS[name];
    const body: Record<string, string> = { error, error_description: description };
    if (reason !== undefined) body.reason = reason;
    return new EmulatorHttpError(status, name, body);
  }

  /** A portal (SSO) error: `{"message"}`. */
  static portal(name: PortalErrorName, message: string): EmulatorHttpError {
    return new EmulatorHttpError(PORTAL_ERRORS[name], name, { message });
  }

  /** An STS (awsQuery) error: `<Error><Type>Sender|Receiver</Type><Code/><Message/></Error>`. */
  static sts(code: StsErrorCode, message: string): EmulatorHttpError {
    return EmulatorHttpError.stsWithStatus(STS_ERRORS[code].status, code, message);
  }

  static stsWithStatus(status: number, code: string, message: string): EmulatorHttpError {
    return new EmulatorHttpError(status, code, { Type: status >= 500 ? "Receiver" : "Sender", Code: code, Message: message });
  }

  /** The response of an injected `failNext` fault. */
  static fromFault(spec: ResolvedFaultSpec, service: ServiceName): EmulatorHttpError {
    if (service === "sts") {
      const code =
        spec.errorType !== undefined
          ? stsCodeOf(spec.errorType)
          : (DEFAULT_STS_CODE_BY_STATUS[spec.status] ?? (spec.status >= 500 ? "InternalFailure" : "ValidationError"));
      return EmulatorHttpError.stsWithStatus(spec.status, code, spec.message ?? spec.description ?? `Injected ${spec.status} ${code}`);
    }
    const defaults = DEFAULT_ERROR_TYPE_BY_STATUS[spec.status];
    const errorType =
      spec.errorType ?? (defaults ? defaults[service === "oidc" ? "oidc" : "portal"] : spec.status >= 500 ? "InternalServerException" : "InvalidRequestException");
    const description = spec.description ?? spec.message ?? `Injected ${spec.status} ${errorType}`;
    if (service === "portal") return new EmulatorHttpError(spec.status, errorType, { message: spec.message ?? description });
    const error = spec.error ?? (isOidcErrorName(errorType) ? OIDC_ERRORS[errorType].error : spec.status >= 500 ? "server_error" : "invalid_request");
    const body: Record<string, string> = { error, error_description: description };
    if (spec.reason !== undefined) body.reason = spec.reason;
    if (spec.message !== undefined) body.message = spec.message;
    return new EmulatorHttpError(spec.status, errorType, body);
  }
}
