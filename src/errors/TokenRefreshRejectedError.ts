import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import type { ServiceErrorDetails } from "./SsoServiceError.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";

export interface TokenRefreshRejectedErrorOptions extends ServiceErrorDetails {
  /** The service's error code, e.g. `InvalidGrantException`. */
  serviceCode: string;
  /** The token cache file whose refresh was refused. */
  path: string;
  target: LoginTarget;
  cause?: unknown;
}

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
  declare readonly serviceCode: string;
  readonly path: string;

  constructor(options: TokenRefreshRejectedErrorOptions) {
    const { serviceCode, path, target } = options;
    const meaning = MEANING[serviceCode] ?? "the service refused the refresh";
    super(`SSO OIDC rejected the token refresh for ${path} with ${serviceCode}: ${meaning}. Log in again: ${loginFixCommand(target)}`, options);
    this.path = path;
  }
}
