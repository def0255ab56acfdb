import type { HandlerContext } from "./HandlerContext.js";
import type { AccessTokenRecord, RefreshTokenRecord, SignInSession } from "./TokenStore.js";

export interface SignInResult {
  readonly session: SignInSession;
  readonly accessToken: AccessTokenRecord;
  readonly refreshToken: RefreshTokenRecord;
}

/**
 * Starts a sign-in session (what a completed login creates) and issues its first access and
 * refresh tokens. `accessTokenTtlSeconds` defaults to the emulator's current setting.
 */
export function signIn(
  ctx: HandlerContext,
  init: { readonly clientId: string; readonly startUrl: string; readonly scopes: readonly string[] },
  accessTokenTtlSeconds: number = ctx.config.accessTokenTtlSeconds,
  accessTokenExpiresAt?: number,
): SignInResult {
  const now = ctx.now();
  const session = ctx.store.createSession({
    clientId: init.clientId,
    startUrl: init.startUrl,
    scopes: [...init.scopes],
    createdAt: now,
    expiresAt: now + ctx.settings.sessionTtlSeconds * 1000,
  });
  const accessToken = ctx.store.issueAccessToken(session, accessTokenExpiresAt ?? now + accessTokenTtlSeconds * 1000);
  const refreshToken = ctx.store.issueRefreshToken(session, now);
  return { session, accessToken, refreshToken };
}
