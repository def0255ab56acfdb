import { SsoServiceError, type SsoServiceErrorOptions } from "./SsoServiceError.js";

/** The refresh did not get an answer it could use (5xx, throttling, network, timeout, malformed body). Retrying may help. */
export class TokenRefreshFailedError extends SsoServiceError {
  override name = "TokenRefreshFailedError";
  readonly path: string;

  constructor(path: string, problem: string, options: SsoServiceErrorOptions = {}) {
    super(
      `Could not refresh the SSO token in ${path}: ${problem}. Try again shortly ` +
        `(the endpoint is ${"`"}AWS_ENDPOINT_URL_SSO_OIDC${"`"} or oidc.<sso_region>.amazonaws.com), or log in again.`,
      options,
    );
    this.path = path;
  }
}
