import type { FaultSpec } from "./FaultSpec.js";

/** OIDC exception names, with their HTTP status and OAuth `error` code as the real service sends them. */
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

/** Portal (SSO) exception names with their HTTP status. */
export const PORTAL_ERRORS = Object.freeze({
  UnauthorizedException: 401,
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InvalidRequestException: 400,
} as const satisfies Record<string, number>);

export type PortalErrorName = keyof typeof PORTAL_ERRORS;

const DEFAULT_ERROR_TYPE_BY_STATUS: Readonly<Record<number, { oidc: string; portal: string }>> = Object.freeze({
  400: { oidc: "InvalidRequestException", portal: "InvalidRequestException" },
  401: { oidc: "InvalidClientException", portal: "UnauthorizedException" },
  403: { oidc: "AccessDeniedException", portal: "ForbiddenException" },
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

/** An error response: status, `x-amzn-ErrorType` header value and JSON body. Thrown by the handlers. */
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

  /** An SSO OIDC error: `{"error","error_description"}`. */
  static oidc(name: OidcErrorName, description: string): EmulatorHttpError {
    const { status, error } = OIDC_ERRORS[name];
    return new EmulatorHttpError(status, name, { error, error_description: description });
  }

  /** A portal (SSO) error: `{"message"}`. */
  static portal(name: PortalErrorName, message: string): EmulatorHttpError {
    return new EmulatorHttpError(PORTAL_ERRORS[name], name, { message });
  }

  /** The response of an injected `failNext` fault. */
  static fromFault(spec: FaultSpec, oidc: boolean): EmulatorHttpError {
    const defaults = DEFAULT_ERROR_TYPE_BY_STATUS[spec.status];
    const errorType =
      spec.errorType ?? (defaults ? (oidc ? defaults.oidc : defaults.portal) : spec.status >= 500 ? "InternalServerException" : "InvalidRequestException");
    const description = spec.description ?? spec.message ?? `Injected ${spec.status} ${errorType}`;
    if (!oidc) return new EmulatorHttpError(spec.status, errorType, { message: spec.message ?? description });
    const error = spec.error ?? (isOidcErrorName(errorType) ? OIDC_ERRORS[errorType].error : spec.status >= 500 ? "server_error" : "invalid_request");
    const body: Record<string, string> = { error, error_description: description };
    if (spec.message !== undefined) body.message = spec.message;
    return new EmulatorHttpError(spec.status, errorType, body);
  }
}
