import { ClientRegistrationExpiredError } from "../errors/ClientRegistrationExpiredError.js";
import type { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import { SsoTokenExpiredError } from "../errors/SsoTokenExpiredError.js";
import { TokenRefreshRejectedError } from "../errors/TokenRefreshRejectedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import type { RefreshBlocker } from "./assessToken.js";
import type { CachedSsoToken } from "./CachedSsoToken.js";
import type { RejectedRefreshRecord } from "./RejectedRefreshRecord.js";

/** The login error for a token that needs a refresh it cannot get. */
export function refreshBlockerError(
  blocker: RefreshBlocker,
  token: CachedSsoToken,
  where: { path: string; target: LoginTarget; rejection?: RejectedRefreshRecord | undefined },
): SsoLoginRequiredError {
  const { path, target, rejection } = where;
  switch (blocker) {
    case "registration-expired":
      return new ClientRegistrationExpiredError({ path, registrationExpiresAt: token.registrationExpiresAt as Date, target });
    case "refresh-rejected":
      return new TokenRefreshRejectedError({
        serviceCode: rejection?.serviceCode ?? "InvalidGrantException",
        path,
        target,
        requestId: rejection?.requestId,
        httpStatusCode: rejection?.httpStatusCode,
        cause: new Error(`a refresh with this refresh token was refused${rejection === undefined ? "" : ` at ${rejection.recordedAt.toISOString()}`}`),
      });
    default:
      return new SsoTokenExpiredError({ path, expiresAt: token.expiresAt, reason: blocker, target });
  }
}
