import { SsoServiceError, type ServiceErrorDetails } from "./SsoServiceError.js";

export interface TokenRefreshFailedErrorOptions extends ServiceErrorDetails {
  /** The token cache file whose token was being refreshed. */
  path: string;
  /** What went wrong, one line without secrets. */
  problem: string;
  cause?: unknown;
}

/** The refresh did not get an answer it could use (5xx, throttling, network, timeout, malformed body). Retrying may help. */
export class TokenRefreshFailedError extends SsoServiceError {
  override name = "TokenRefreshFailedError";
  readonly path: string;

  constructor(options: TokenRefreshFailedErrorOptions) {
    super(
      `Could not refresh the SSO token in ${options.path}: ${options.problem}. Try again shortly ` +
        `(the endpoint is ${"`"}AWS_ENDPOINT_URL_SSO_OIDC${"`"} or oidc.<sso_region>.amazonaws.com), or log in again.`,
      options,
    );
    this.path = options.path;
  }
}
