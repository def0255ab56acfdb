import type { CreateTokenCommandOutput } from "@aws-sdk/client-sso-oidc";

import { LoginFailedError } from "../errors/LoginFailedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { clampTokenLifetime } from "../token/clampTokenLifetime.js";
import type { ClientRegistration } from "./ClientRegistration.js";

/**
 * What a login's CreateToken issued, with the registration it was issued to: everything the token
 * cache file records. Internal and short-lived; never logged (it holds the tokens).
 */
export interface IssuedLoginToken {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  /** Clamped to a sane range, as a refresh's is (`clampTokenLifetime`). */
  readonly expiresInSeconds: number;
  /** The `expiresIn` the service sent, when it was out of range. */
  readonly clampedFrom: unknown;
  readonly registration: ClientRegistration;
}

/** The token of a successful CreateToken, or a `LoginFailedError` when the answer has no access token. */
export function issuedLoginToken(output: CreateTokenCommandOutput, registration: ClientRegistration, target: LoginTarget): IssuedLoginToken {
  const { accessToken, refreshToken, expiresIn } = output;
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new LoginFailedError({
      target,
      operation: "CreateToken",
      problem: "MalformedResponse: the CreateToken response had no accessToken",
      serviceCode: "MalformedResponse",
      httpStatusCode: output.$metadata.httpStatusCode,
      requestId: output.$metadata.requestId,
    });
  }
  const lifetime = clampTokenLifetime(expiresIn);
  return {
    accessToken,
    refreshToken: typeof refreshToken === "string" && refreshToken !== "" ? refreshToken : undefined,
    expiresInSeconds: lifetime.seconds,
    clampedFrom: lifetime.clampedFrom,
    registration,
  };
}
