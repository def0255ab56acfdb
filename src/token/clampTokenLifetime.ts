/**
 * The lifetime recorded for a token whose `expiresIn` says nothing usable (missing, NaN, 0 or negative):
 * 15 minutes, the widest refresh window in use (botocore's; ours is 5 by default). Any shorter and the
 * token would be due again the moment it is written; if it is in fact shorter-lived, a 401 refreshes it.
 */
export const UNKNOWN_TOKEN_LIFETIME_SECONDS = 15 * 60;
/** The longest: well past any IAM Identity Center session, well inside what a Date holds. */
export const MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;

export interface TokenLifetime {
  seconds: number;
  /** What the service sent, when it was unusable or out of range and `seconds` stands in for it. */
  clampedFrom?: unknown;
}

/**
 * The lifetime to record for a token the service just issued. `expiresIn` of 0, a negative number,
 * NaN, a missing value or 1e12 cannot be right, but the service has already issued the token (and
 * rotated the refresh token): rejecting the answer would throw the session away. A lifetime that says
 * nothing gets {@link UNKNOWN_TOKEN_LIFETIME_SECONDS}; one too long is capped, so the token is refreshed
 * within a week rather than never. Any other positive lifetime is taken as it is.
 */
export function clampTokenLifetime(expiresIn: unknown): TokenLifetime {
  if (typeof expiresIn !== "number" || Number.isNaN(expiresIn) || expiresIn <= 0) {
    return { seconds: UNKNOWN_TOKEN_LIFETIME_SECONDS, clampedFrom: expiresIn };
  }
  if (expiresIn > MAX_TOKEN_LIFETIME_SECONDS) return { seconds: MAX_TOKEN_LIFETIME_SECONDS, clampedFrom: expiresIn };
  return { seconds: expiresIn };
}
