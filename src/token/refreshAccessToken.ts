import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";

import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { timeoutSignal } from "../clock/timeoutSignal.js";
import { TokenRefreshFailedError } from "../errors/TokenRefreshFailedError.js";
import { TokenRefreshRejectedError } from "../errors/TokenRefreshRejectedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { serviceFailure, timeoutFailure } from "../errors/serviceFailure.js";
import type { CachedSsoToken, RefreshedTokenFields } from "./CachedSsoToken.js";
import { clampTokenLifetime } from "./clampTokenLifetime.js";

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

export interface RefreshAccessTokenRequest {
  client: SSOOIDCClient;
  /** The token whose refresh token and client registration are used. */
  token: CachedSsoToken;
  /** The cache file, for messages. */
  path: string;
  target: LoginTarget;
  timeoutMs: number;
  clock: Clock;
  /** How a timeout names the setting that bounds it. */
  words?: CallerWords | undefined;
}

/**
 * What one CreateToken call gave back. `fields` is set whenever the service issued something that
 * must be kept (a new access token, or a rotated refresh token), even when `error` says the answer
 * was not whole: the service has already rotated, so the caller saves what there is before it throws.
 */
export interface RefreshOutcome {
  fields: RefreshedTokenFields;
  /** The answer was usable only in part (a rotated refresh token without an access token). */
  error?: TokenRefreshFailedError;
}

/**
 * One SSO OIDC CreateToken call with `grantType: "refresh_token"`.
 * A refusal by the service is a {@link TokenRefreshRejectedError} (log in again); anything
 * else (5xx after the SDK's retries, throttling, network, timeout, an unparseable body) is a
 * {@link TokenRefreshFailedError}. Both carry the service's error code, status and request id.
 * A lifetime out of range is clamped (see `clampTokenLifetime`), never a reason to drop the token.
 */
export async function refreshAccessToken(request: RefreshAccessTokenRequest): Promise<RefreshOutcome> {
  const { CreateTokenCommand } = await import("@aws-sdk/client-sso-oidc");
  const { token, path, target, timeoutMs } = request;
  let output;
  const deadline = timeoutSignal(request.clock, timeoutMs);
  try {
    output = await request.client.send(
      new CreateTokenCommand({
        grantType: "refresh_token",
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        refreshToken: token.refreshToken,
      }),
      { abortSignal: deadline.signal },
    );
  } catch (error) {
    // Our deadline, not the SDK's: the SDK reports it as an AbortError, which names no cause.
    const failure = deadline.signal.aborted ? timeoutFailure(error, timeoutMs, request.words) : serviceFailure(error);
    const details = { cause: failure.cause, httpStatusCode: failure.httpStatusCode, requestId: failure.requestId };
    if (failure.code !== undefined && REJECTIONS.has(failure.code)) {
      throw new TokenRefreshRejectedError({ serviceCode: failure.code, path, target, ...details });
    }
    throw new TokenRefreshFailedError({ path, problem: failure.summary, serviceCode: failure.code, ...details });
  } finally {
    deadline.dispose();
  }
  const { accessToken, expiresIn, refreshToken } = output;
  const rotated = typeof refreshToken === "string" && refreshToken !== "" ? refreshToken : undefined;
  const metadata = { httpStatusCode: output.$metadata.httpStatusCode, requestId: output.$metadata.requestId };
  if (typeof accessToken !== "string" || accessToken === "") {
    const error = new TokenRefreshFailedError({
      path,
      problem: "MalformedResponse: the CreateToken response had no accessToken",
      serviceCode: "MalformedResponse",
      ...metadata,
    });
    if (rotated === undefined) throw error;
    // The service rotated the refresh token but sent no access token: the old access token stays,
    // and the new refresh token must reach the cache, or the session is lost.
    return { fields: { accessToken: token.accessToken, expiresAt: token.expiresAt, refreshToken: rotated }, error };
  }
  const lifetime = clampTokenLifetime(expiresIn);
  return {
    fields: {
      accessToken,
      expiresInSeconds: lifetime.seconds,
      refreshToken: rotated,
      ...(lifetime.clampedFrom === undefined ? {} : { clampedFrom: lifetime.clampedFrom }),
    },
  };
}
