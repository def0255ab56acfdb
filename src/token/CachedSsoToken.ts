import { createHash } from "node:crypto";
import { inspect } from "node:util";

import { SsoTokenCacheFileError } from "../errors/SsoTokenCacheFileError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { formatExpiresAt, parseExpiresAt } from "./parseExpiresAt.js";

/** What CreateToken gave back, reduced to what the cache keeps. */
export type RefreshedTokenFields = {
  accessToken: string;
  /** Absent when the service does not rotate refresh tokens: the old one is kept. */
  refreshToken?: string;
  /** The `expiresIn` the service sent, when it was out of range and the lifetime was clamped. */
  clampedFrom?: unknown;
} & (
  | { expiresInSeconds: number }
  /** The old access token is kept (a response that rotated the refresh token only): so is its expiry. */
  | { expiresAt: Date }
);

type CacheRecord = Record<string, unknown>;

/**
 * One token cache file, in the AWS CLI's format. The secrets live in a private field, so
 * `util.inspect`, `JSON.stringify` and string conversion show only what is safe to log; the
 * file's text comes only from {@link CachedSsoToken.serialize}. Fields this library does not
 * know are kept as they were and written back.
 */
export class CachedSsoToken {
  readonly #record: CacheRecord;
  readonly expiresAt: Date;
  readonly registrationExpiresAt: Date | undefined;

  private constructor(record: CacheRecord, expiresAt: Date, registrationExpiresAt: Date | undefined) {
    this.#record = record;
    this.expiresAt = expiresAt;
    this.registrationExpiresAt = registrationExpiresAt;
  }

  /** Validates a cache file's parsed JSON. Every problem is an {@link SsoTokenCacheFileError} naming the file and field. */
  static fromJson(value: unknown, path: string, target: LoginTarget): CachedSsoToken {
    const fail = (problem: string): SsoTokenCacheFileError => new SsoTokenCacheFileError({ path, problem, target });
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail("does not hold a JSON object");
    const record = value as CacheRecord;

    const accessToken = record.accessToken;
    if (typeof accessToken !== "string" || accessToken === "") throw fail('has no "accessToken" string');
    const expiresAt = readTime(record, "expiresAt", true, fail);
    for (const field of ["refreshToken", "clientId", "clientSecret", "startUrl", "region"]) {
      const fieldValue = record[field];
      if (fieldValue !== undefined && fieldValue !== null && typeof fieldValue !== "string") {
        throw fail(`has a "${field}" that is not a string`);
      }
    }
    const registrationExpiresAt = readTime(record, "registrationExpiresAt", false, fail);
    return new CachedSsoToken(record, expiresAt as Date, registrationExpiresAt);
  }

  get accessToken(): string {
    return this.#record.accessToken as string;
  }

  get refreshToken(): string | undefined {
    return optionalString(this.#record.refreshToken);
  }

  get clientId(): string | undefined {
    return optionalString(this.#record.clientId);
  }

  get clientSecret(): string | undefined {
    return optionalString(this.#record.clientSecret);
  }

  get startUrl(): string | undefined {
    return optionalString(this.#record.startUrl);
  }

  get region(): string | undefined {
    return optionalString(this.#record.region);
  }

  /** A new token from a refresh: every other field (known or not) is carried over unchanged. */
  withRefresh(fields: RefreshedTokenFields, nowMs: number): CachedSsoToken {
    const expiresAt =
      "expiresAt" in fields ? fields.expiresAt : new Date(Math.floor((nowMs + fields.expiresInSeconds * 1000) / 1000) * 1000);
    const record: CacheRecord = {
      ...this.#record,
      accessToken: fields.accessToken,
      expiresAt: formatExpiresAt(expiresAt),
      refreshToken: fields.refreshToken ?? this.#record.refreshToken,
    };
    if (record.refreshToken === undefined) delete record.refreshToken;
    return new CachedSsoToken(record, expiresAt, this.registrationExpiresAt);
  }

  /**
   * Names this token's access and refresh token without revealing them (a truncated SHA-256), for a
   * record that must say which token it is about and hold no secret.
   */
  fingerprint(): string {
    return createHash("sha256")
      .update(`aws-sso-credential-provider token\n${this.accessToken}\n${this.refreshToken ?? ""}`)
      .digest("hex")
      .slice(0, 32);
  }

  /** True when both hold the same access and refresh token: nobody rewrote the file in between. */
  sameAs(other: CachedSsoToken): boolean {
    return this.accessToken === other.accessToken && this.refreshToken === other.refreshToken;
  }

  /** The file's text. The only place the secrets leave this object as text. */
  serialize(): string {
    return JSON.stringify(this.#record);
  }

  /** A summary without secrets, for logs. */
  toJSON(): Record<string, unknown> {
    return {
      startUrl: this.startUrl,
      region: this.region,
      expiresAt: this.expiresAt.toISOString(),
      registrationExpiresAt: this.registrationExpiresAt?.toISOString(),
      hasRefreshToken: this.refreshToken !== undefined,
    };
  }

  toString(): string {
    return `CachedSsoToken(expiresAt=${this.expiresAt.toISOString()})`;
  }

  [inspect.custom](): string {
    return `CachedSsoToken ${inspect(this.toJSON())}`;
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function readTime(
  record: CacheRecord,
  field: string,
  required: boolean,
  fail: (problem: string) => Error,
): Date | undefined {
  const value = record[field];
  if (value === undefined || value === null) {
    if (required) throw fail(`has no "${field}"`);
    return undefined;
  }
  if (typeof value !== "string") throw fail(`has a "${field}" that is not a string`);
  const parsed = parseExpiresAt(value);
  if (!parsed) throw fail(`has a "${field}" that is not a timestamp`);
  return parsed;
}
