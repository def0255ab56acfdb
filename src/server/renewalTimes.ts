/**
 * The longest an SDK keeps container credentials before it asks again: botocore (boto3, the AWS CLI)
 * starts refreshing 15 minutes before `Expiration` and insists at 10; the JavaScript SDK treats
 * credentials within 5 minutes of it as expired. Renewing a minute before the longest of those
 * means a consumer is never handed credentials its SDK already wants to replace.
 */
export const RENEW_BEFORE_EXPIRY_MAX_MS = 16 * 60_000;

/** The latest credentials are still handed out: a minute before they expire, at most. */
export const USABLE_UNTIL_BEFORE_EXPIRY_MAX_MS = 60_000;

export interface RenewalTimes {
  /** From then on the endpoint fetches new credentials in the background, still serving these. */
  readonly renewAt: number;
  /** After then these are no longer served: requests wait for new ones (or get the reason there are none). */
  readonly usableUntil: number;
}

/**
 * When to renew credentials received at `receivedAt` (epoch ms) that expire at `expiresAt`. Renewal
 * starts when a third of their lifetime is left, and at most {@link RENEW_BEFORE_EXPIRY_MAX_MS} before
 * expiry: 1-hour credentials are renewed 16 minutes before they expire, so about one GetRoleCredentials
 * per 44 minutes however many consumers ask. They stay usable until a tenth of their lifetime (at most a
 * minute) is left: time enough for a consumer's signed request to reach AWS before they expire.
 *
 * Relative to the lifetime, so short-lived credentials (a test's 20 seconds) behave the same way,
 * scaled down, instead of being fetched anew for every request.
 */
export function renewalTimes(receivedAt: number, expiresAt: number): RenewalTimes {
  const lifetime = Math.max(0, expiresAt - receivedAt);
  return {
    renewAt: expiresAt - Math.min(RENEW_BEFORE_EXPIRY_MAX_MS, lifetime / 3),
    usableUntil: expiresAt - Math.min(USABLE_UNTIL_BEFORE_EXPIRY_MAX_MS, lifetime / 10),
  };
}
