import { LoginDeniedError } from "../errors/LoginDeniedError.js";
import { LoginExpiredError } from "../errors/LoginExpiredError.js";
import { LoginFailedError } from "../errors/LoginFailedError.js";
import { LoginRejectedError } from "../errors/LoginRejectedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import type { ServiceFailure } from "../errors/serviceFailure.js";
import type { SsoCredentialsError } from "../errors/SsoCredentialsError.js";

/** SSO OIDC's answers that no retry will change (the models' 4xx errors), as opposed to a failure of the service or the network. */
const REJECTIONS = new Set([
  "InvalidGrantException",
  "InvalidClientException",
  "UnauthorizedClientException",
  "InvalidRequestException",
  "InvalidScopeException",
  "UnsupportedGrantTypeException",
  "InvalidClientMetadataException",
  "InvalidRedirectUriException",
  "InvalidRequestRegionException",
]);

/**
 * The typed error for a failed SSO OIDC call of a login: a denial or an expiry (log in again), any
 * other refusal (`LoginRejectedError`), or a failure of the service or network (`LoginFailedError`).
 */
export function loginErrorForFailure(
  failure: ServiceFailure,
  context: { target: LoginTarget; operation: "RegisterClient" | "StartDeviceAuthorization" | "CreateToken" },
): SsoCredentialsError {
  const { target, operation } = context;
  const details = { target, cause: failure.cause, httpStatusCode: failure.httpStatusCode, requestId: failure.requestId };
  if (failure.code === "AccessDeniedException") return new LoginDeniedError({ ...details, serviceCode: failure.code });
  if (failure.code === "ExpiredTokenException") return new LoginExpiredError({ ...details, serviceCode: failure.code });
  if (failure.code !== undefined && REJECTIONS.has(failure.code)) {
    return new LoginRejectedError({ ...details, serviceCode: failure.code, stage: operation, description: failure.summary });
  }
  return new LoginFailedError({ ...details, serviceCode: failure.code, operation, problem: failure.summary });
}
