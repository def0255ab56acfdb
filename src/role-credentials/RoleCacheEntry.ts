import { formatExpiresAt, parseExpiresAt } from "../token/parseExpiresAt.js";
import { pythonJsonDumps } from "../files/pythonJsonDumps.js";
import type { SsoRoleCredentials } from "./SsoRoleCredentials.js";

/** The role credentials of one `~/.aws/cli/cache/<key>.json` file, as read; the secrets kept out of sight. */
export class RoleCacheEntry {
  readonly accessKeyId: string;
  readonly expiration: Date;
  readonly accountId: string | undefined;
  readonly #secretAccessKey: string;
  readonly #sessionToken: string;
  readonly #credentialScope: string | undefined;

  private constructor(fields: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date; accountId: string | undefined; credentialScope: string | undefined }) {
    this.accessKeyId = fields.accessKeyId;
    this.#secretAccessKey = fields.secretAccessKey;
    this.#sessionToken = fields.sessionToken;
    this.expiration = fields.expiration;
    this.accountId = fields.accountId;
    this.#credentialScope = fields.credentialScope;
  }

  /**
   * The entry of a parsed cache file, or what is wrong with it (a phrase: `has no "SessionToken" string`).
   * Both of the AWS CLI's kinds: `{"ProviderType": "sso", "Credentials": {...}}` and the AssumeRole
   * response; `Credentials.Expiration` in any of the forms botocore writes or reads.
   */
  static fromJson(value: unknown): RoleCacheEntry | string {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return "does not hold a JSON object";
    const credentials = (value as { Credentials?: unknown }).Credentials;
    if (typeof credentials !== "object" || credentials === null || Array.isArray(credentials)) return 'has no "Credentials" object';
    const record = credentials as Record<string, unknown>;
    for (const field of ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"]) {
      if (!Object.hasOwn(record, field) || typeof record[field] !== "string" || record[field] === "") return `has no "${field}" string in "Credentials"`;
    }
    const expiration = parseExpiresAt(record.Expiration as string);
    if (expiration === undefined) return 'has a "Credentials.Expiration" that is not a timestamp';
    const accountId = typeof record.AccountId === "string" && record.AccountId !== "" ? record.AccountId : undefined;
    const scope = record.CredentialScope;
    return new RoleCacheEntry({
      accessKeyId: record.AccessKeyId as string,
      secretAccessKey: record.SecretAccessKey as string,
      sessionToken: record.SessionToken as string,
      expiration,
      accountId,
      credentialScope: typeof scope === "string" && scope !== "" ? scope : undefined,
    });
  }

  /** Whether two reads found the same credentials (another process has not replaced them meanwhile). */
  sameAs(other: RoleCacheEntry | undefined): boolean {
    return other !== undefined && other.accessKeyId === this.accessKeyId && other.expiration.getTime() === this.expiration.getTime();
  }

  /** New credentials objects for callers; `accountId` when the file has none (older AWS CLI entries). */
  toCredentials(fallbackAccountId: string): SsoRoleCredentials {
    return {
      accessKeyId: this.accessKeyId,
      secretAccessKey: this.#secretAccessKey,
      sessionToken: this.#sessionToken,
      expiration: new Date(this.expiration.getTime()),
      accountId: this.accountId ?? fallbackAccountId,
      ...(this.#credentialScope === undefined ? {} : { credentialScope: this.#credentialScope }),
    };
  }

  toString(): string {
    return `RoleCacheEntry(${this.accessKeyId}, expires ${this.expiration.toISOString()})`;
  }

  toJSON(): object {
    return { accessKeyId: this.accessKeyId, expiration: this.expiration.toISOString(), accountId: this.accountId };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * What botocore's SSOCredentialFetcher writes (through the AWS CLI v2's JSONFileCache), byte for byte:
 * `json.dumps` with Python's default separators, keys in this order, Expiration `%Y-%m-%dT%H:%M:%SZ`.
 */
export function ssoCacheText(credentials: SsoRoleCredentials): string {
  return pythonJsonDumps(
    {
      ProviderType: "sso",
      Credentials: credentialsRecord(credentials),
    },
    "default",
    { sortKeys: false },
  );
}

/** The parts of an AssumeRole answer the AWS CLI keeps in its cache. */
export interface AssumeRoleResponseRecord {
  credentials: SsoRoleCredentials;
  assumedRoleUser: { AssumedRoleId: string; Arn: string } | undefined;
  packedPolicySize: number | undefined;
  sourceIdentity: string | undefined;
  requestId: string | undefined;
  httpStatusCode: number | undefined;
  retryAttempts: number | undefined;
}

/**
 * What the AWS CLI writes for an assumed role (botocore's AssumeRoleCredentialFetcher through
 * JSONFileCache): the AssumeRole response as botocore parses it (members in the model's order, then
 * ResponseMetadata), `Credentials.AccountId` added. The AWS CLI keeps timestamps as the service sent
 * them, so Expiration is STS's `%Y-%m-%dT%H:%M:%SZ` (checked against AWS CLI v1 1.45 / botocore 1.43;
 * a boto3 program's JSONFileCache would write `...UTC`, which is read too). Of the HTTP metadata
 * botocore keeps, the headers are left out: the JS SDK does not hand them over.
 */
export function assumeRoleCacheText(response: AssumeRoleResponseRecord): string {
  const { credentials } = response;
  return pythonJsonDumps(
    {
      Credentials: credentialsRecord(credentials),
      AssumedRoleUser: response.assumedRoleUser,
      PackedPolicySize: response.packedPolicySize,
      SourceIdentity: response.sourceIdentity,
      ResponseMetadata: {
        RequestId: response.requestId,
        HTTPStatusCode: response.httpStatusCode,
        RetryAttempts: response.retryAttempts,
      },
    },
    "default",
    { sortKeys: false },
  );
}

/** The `Credentials` member as the AWS CLI writes it, in its order. */
function credentialsRecord(credentials: SsoRoleCredentials): Record<string, string> {
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: formatExpiresAt(credentials.expiration),
    AccountId: credentials.accountId,
  };
}
