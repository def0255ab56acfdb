import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";

import { TokenRefreshFailedError } from "../errors/TokenRefreshFailedError.js";
import { TokenRefreshRejectedError } from "../errors/TokenRefreshRejectedError.js";
import type { LoginTarget } from "../errors/loginCommand.js";
import { serviceFailure, timeoutFailure } from "../errors/serviceFailure.js";
import type { CachedSsoToken, RefreshedTokenFields } from "./CachedSsoToken.js";

/** Ten years: far beyond any SSO token, well inside what a Date can hold. */
const MAX_EXPIRES_IN_SECONDS = 10 * 365 * 24 * 3600;

/** OIDC errors that mean the refresh token or client registration will never work again. */
const REJECTIONS = new Set([
  "InvalidGrantException",
  "InvalidClientException",
  "UnauthorizedClientException",
  "ExpiredTokenException",
  "AccessDeniedException",
  "InvalidRequestException",
  "InvalidScopeException",
  "UnsupportedGrantTypeException",
]);

/**
 * One SSO OIDC CreateToken call with `grantType: "refresh_token"`.
 * A refusal by the service is a {@link TokenRefreshRejectedError} (log in again); anything
 * else (5xx after the SDK's retries, throttling, network, timeout, a broken response) is a
 * {@link TokenRefreshFailedError}. Both carry the service's error code.
 */
export async function refreshAccessToken(
  client: SSOOIDCClient,
  token: CachedSsoToken,
  path: string,
  target: LoginTarget,
  timeoutMs: number,
): Promise<RefreshedTokenFields> {
  const { CreateTokenCommand } = await import("@aws-sdk/client-sso-oidc");
  let output;
  const abortSignal = AbortSignal.timeout(timeoutMs);
  try {
    output = await client.send(
      new CreateTokenCommand({
        grantType: "refresh_token",
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        refreshToken: token.refreshToken,
      }),
      { abortSignal },
    );
  } catch (error) {
    // Our deadline, not the SDK's: the SDK reports it as an AbortError, which names no cause.
    const failure = abortSignal.aborted ? timeoutFailure(error, timeoutMs) : serviceFailure(error);
    const options = { cause: failure.cause, serviceCode: failure.code, httpStatusCode: failure.httpStatusCode };
    if (failure.code !== undefined && REJECTIONS.has(failure.code)) {
      throw new TokenRefreshRejectedError(failure.code, path, target, options);
    }
    throw new TokenRefreshFailedError(path, failure.summary, options);
  }
  const { accessToken, expiresIn, refreshToken } = output;
  // A lifetime past MAX_EXPIRES_IN_SECONDS would make an invalid Date (and an untyped RangeError) further on.
  if (
    typeof accessToken !== "string" ||
    accessToken === "" ||
    typeof expiresIn !== "number" ||
    !(expiresIn > 0 && expiresIn <= MAX_EXPIRES_IN_SECONDS)
  ) {
    throw new TokenRefreshFailedError(path, "MalformedResponse: the CreateToken response had no accessToken or no usable expiresIn", {
      serviceCode: "MalformedResponse",
      httpStatusCode: output.$metadata.httpStatusCode,
    });
  }
  return {
    accessToken,
    expiresInSeconds: expiresIn,
    refreshToken: typeof refreshToken === "string" && refreshToken !== "" ? refreshToken : undefined,
  };
}
