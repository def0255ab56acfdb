import { inspect } from "node:util";

import { formatExpiresAt, parseExpiresAt } from "../token/parseExpiresAt.js";
import { awsCliJson } from "./awsCliJson.js";
import type { LoginFlow } from "./LoginFlow.js";

/** The grant types a PKCE registration asks for (botocore `SSOTokenFetcherAuth._AUTH_GRANT_TYPES`). */
export const PKCE_GRANT_TYPES: readonly string[] = Object.freeze(["authorization_code", "refresh_token"]);

/** A registration is registered anew when it expires within this window (botocore `_EXPIRY_WINDOW`). */
export const REGISTRATION_EXPIRY_WINDOW_MS = 15 * 60 * 1000;

/**
 * An SSO OIDC client registration, as the AWS CLI caches it in `~/.aws/sso/cache/<sha1>.json`:
 * `clientId`, `clientSecret`, `expiresAt`, and `scopes` / `grantTypes` when they were sent. The client
 * secret lives in a private field, so `util.inspect`, `JSON.stringify` and string conversion never show it.
 */
export class ClientRegistration {
  readonly clientId: string;
  readonly #clientSecret: string;
  readonly expiresAt: Date;
  readonly scopes: readonly string[] | undefined;
  readonly grantTypes: readonly string[] | undefined;

  constructor(fields: { clientId: string; clientSecret: string; expiresAt: Date; scopes?: readonly string[]; grantTypes?: readonly string[] }) {
    this.clientId = fields.clientId;
    this.#clientSecret = fields.clientSecret;
    this.expiresAt = fields.expiresAt;
    this.scopes = fields.scopes;
    this.grantTypes = fields.grantTypes;
  }

  /** A cache file's parsed JSON; undefined when it is not a usable registration (it is then registered anew, as the AWS CLI does). */
  static fromJson(value: unknown): ClientRegistration | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    const { clientId, clientSecret, expiresAt } = record;
    if (typeof clientId !== "string" || clientId === "" || typeof clientSecret !== "string" || clientSecret === "") return undefined;
    const expires = typeof expiresAt === "string" ? parseExpiresAt(expiresAt) : undefined;
    if (expires === undefined) return undefined;
    return new ClientRegistration({
      clientId,
      clientSecret,
      expiresAt: expires,
      scopes: stringList(record.scopes),
      grantTypes: stringList(record.grantTypes),
    });
  }

  get clientSecret(): string {
    return this.#clientSecret;
  }

  /** Registered for the authorization code grant (botocore `_is_registration_for_auth_code`): the PKCE login's. */
  get forAuthorizationCode(): boolean {
    return this.grantTypes?.includes("authorization_code") ?? false;
  }

  /**
   * Whether a login with `flow` may use it: not expiring within 15 minutes, and of the flow's kind
   * (the device flow registers anew rather than use an authorization-code registration, and the other way round).
   */
  usableFor(flow: LoginFlow, nowMs: number): boolean {
    if (this.expiresAt.getTime() - nowMs < REGISTRATION_EXPIRY_WINDOW_MS) return false;
    return flow === "pkce" ? this.forAuthorizationCode : !this.forAuthorizationCode;
  }

  /** The cache file's text, byte for byte as the AWS CLI writes it. The only place the secret leaves this object as text. */
  serialize(): string {
    return awsCliJson({
      clientId: this.clientId,
      clientSecret: this.#clientSecret,
      expiresAt: formatExpiresAt(this.expiresAt),
      scopes: this.scopes,
      grantTypes: this.grantTypes,
    });
  }

  toJSON(): Record<string, unknown> {
    return { clientId: this.clientId, expiresAt: this.expiresAt.toISOString(), scopes: this.scopes, grantTypes: this.grantTypes };
  }

  toString(): string {
    return `ClientRegistration(clientId=${this.clientId}, expiresAt=${this.expiresAt.toISOString()})`;
  }

  [inspect.custom](): string {
    return `ClientRegistration ${inspect(this.toJSON())}`;
  }
}

function stringList(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : undefined;
}
