/** The shortest lifetime a refreshed token is given: shorter would have every caller refresh again at once. */
export const MIN_TOKEN_LIFETIME_SECONDS = 60;
/** The longest: well past any IAM Identity Center session, well inside what a Date holds. */
export const MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;

export interface TokenLifetime {
  seconds: number;
  /** What the service sent, when it was out of range (or not a number) and `seconds` is a bound instead. */
  clampedFrom?: unknown;
}

/**
 * The lifetime to record for a token the service just issued. `expiresIn` of 0, a negative number,
 * NaN, a missing value or 1e12 cannot be right, but the service has already issued the token (and
 * rotated the refresh token): rejecting the answer would throw the session away. A lifetime too short
 * is raised to the minimum (the token is then used, and a 401 refreshes it); one too long is capped,
 * so the token is refreshed within a week rather than never.
 */
export function clampTokenLifetime(expiresIn: unknown): TokenLifetime {
  if (typeof expiresIn !== "number" || Number.isNaN(expiresIn)) return { seconds: MIN_TOKEN_LIFETIME_SECONDS, clampedFrom: expiresIn };
  if (expiresIn < MIN_TOKEN_LIFETIME_SECONDS) return { seconds: MIN_TOKEN_LIFETIME_SECONDS, clampedFrom: expiresIn };
  if (expiresIn > MAX_TOKEN_LIFETIME_SECONDS) return { seconds: MAX_TOKEN_LIFETIME_SECONDS, clampedFrom: expiresIn };
  return { seconds: expiresIn };
}
