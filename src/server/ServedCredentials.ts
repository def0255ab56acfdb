import type { ResolvedCredentials } from "../provider/CredentialResolver.js";
import { renewalTimes } from "./renewalTimes.js";

/**
 * One set of role credentials as the endpoint serves them: the response body, made once, and when to
 * renew them. The body holds the secret key and session token, so it lives in a private field:
 * `util.inspect`, `JSON.stringify` and `String()` of this object show none of it.
 */
export class ServedCredentials {
  readonly #body: string;
  readonly #resolved: ResolvedCredentials;
  readonly expiresAt: number;
  readonly renewAt: number;
  readonly usableUntil: number;

  constructor(resolved: ResolvedCredentials, receivedAt: number) {
    const { credentials } = resolved;
    this.#resolved = resolved;
    this.expiresAt = credentials.expiration.getTime();
    const { renewAt, usableUntil } = renewalTimes(receivedAt, this.expiresAt);
    this.renewAt = renewAt;
    this.usableUntil = usableUntil;
    // The container-credentials response of ECS and EKS. `Expiration` in RFC 3339 without fractions,
    // as they send it (and rounded down, so never later than the truth).
    this.#body = JSON.stringify({
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      Token: credentials.sessionToken,
      Expiration: new Date(Math.floor(this.expiresAt / 1000) * 1000).toISOString().replace(".000Z", "Z"),
      AccountId: credentials.accountId,
    });
  }

  /** The JSON response. Holds secrets: never log it. */
  body(): string {
    return this.#body;
  }

  /** Whether these were made from `resolved` (the resolver handed back the credentials it already had). */
  isFrom(resolved: ResolvedCredentials): boolean {
    const mine = this.#resolved.credentials;
    return mine === resolved.credentials || (mine.accessKeyId === resolved.credentials.accessKeyId && this.expiresAt === resolved.credentials.expiration.getTime());
  }

  /** The region of the profile asked for (a chained profile's own, not its SSO root's), when it sets one. */
  get region(): string | undefined {
    return this.#resolved.chain.region;
  }

  toString(): string {
    return `[ServedCredentials until ${new Date(this.expiresAt).toISOString()}]`;
  }

  toJSON(): string {
    return this.toString();
  }
}
