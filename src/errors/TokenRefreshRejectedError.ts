import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import { loginCommand, type LoginTarget } from "./loginCommand.js";

const MEANING: Readonly<Record<string, string>> = {
  InvalidGrantException: "the SSO session has ended or was revoked",
  InvalidClientException: "the client registration is no longer valid",
  UnauthorizedClientException: "the client registration may not refresh tokens",
  ExpiredTokenException: "the refresh token has expired",
  AccessDeniedException: "access was denied",
  InvalidRequestException: "the refresh request was refused as invalid",
  InvalidScopeException: "the requested scopes are not allowed",
};

/** SSO OIDC refused to refresh the token (`invalid_grant` and the like): only a new login helps. */
export class TokenRefreshRejectedError extends SsoLoginRequiredError {
  override name = "TokenRefreshRejectedError";
  /** The service's error code, e.g. `InvalidGrantException`. */
  readonly serviceCode: string;
  readonly path: string;

  constructor(serviceCode: string, path: string, target: LoginTarget, options: { cause?: unknown } = {}) {
    const meaning = MEANING[serviceCode] ?? "the service refused the refresh";
    super(
      `SSO OIDC rejected the token refresh for ${path} with ${serviceCode}: ${meaning}. Log in again: ${loginCommand(target)}`,
      options,
    );
    this.serviceCode = serviceCode;
    this.path = path;
  }
}
