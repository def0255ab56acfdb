import type { HandlerContext } from "./HandlerContext.js";
import { randomToken } from "./randomToken.js";
import type { AuthorizationCode } from "./TokenStore.js";

/** Stores a fresh authorization code (valid `authorizationCodeTtlSeconds`, single use) and returns it. */
export function issueAuthorizationCode(
  ctx: HandlerContext,
  init: Omit<AuthorizationCode, "code" | "expiresAt" | "consumed">,
): AuthorizationCode {
  const code: AuthorizationCode = {
    ...init,
    scopes: [...init.scopes],
    code: randomToken("emu-code-"),
    expiresAt: ctx.now() + ctx.settings.authorizationCodeTtlSeconds * 1000,
    consumed: false,
  };
  ctx.store.authorizationCodes.set(code.code, code);
  return code;
}
