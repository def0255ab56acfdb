import { ClientRegistrationExpiredError } from "../errors/ClientRegistrationExpiredError.js";
import type { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import { SsoTokenExpiredError } from "../errors/SsoTokenExpiredError.js";
import { TokenRefreshRejectedError } from "../errors/TokenRefreshRejectedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import type { RefreshBlocker } from "./assessToken.js";
import type { CachedSsoToken } from "./CachedSsoToken.js";

/** The login error for a token that needs a refresh it cannot get. */
export function refreshBlockerError(
  blocker: RefreshBlocker,
  token: CachedSsoToken,
  where: { path: string; target: LoginTarget; serviceCode?: string },
): SsoLoginRequiredError {
  const { path, target } = where;
  switch (blocker) {
    case "registration-expired":
      return new ClientRegistrationExpiredError({ path, registrationExpiresAt: token.registrationExpiresAt as Date, target });
    case "refresh-rejected":
      return new TokenRefreshRejectedError({ serviceCode: where.serviceCode ?? "InvalidGrantException", path, target });
    default:
      return new SsoTokenExpiredError({ path, expiresAt: token.expiresAt, reason: blocker, target });
  }
}
