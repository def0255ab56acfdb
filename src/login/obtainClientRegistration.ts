import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";
import { readFile, unlink } from "node:fs/promises";
import { join } from "node:path";

import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { LoginFailedError } from "../errors/LoginFailedError.js";
import { writeFileAtomic } from "../files/writeFileAtomic.js";
import { lockFile, type LockOptions } from "../lock/lockFile.js";
import { callWithDeadline } from "./callWithDeadline.js";
import { ClientRegistration, PKCE_GRANT_TYPES } from "./ClientRegistration.js";
import type { LoginFlow } from "./LoginFlow.js";
import { loginErrorForFailure } from "./loginErrorForFailure.js";
import type { LoginSession } from "./LoginSession.js";
import { registrationCacheKey } from "./registrationCacheKey.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

/** What RegisterClient is told the PKCE redirect is: the loopback address, no port (RFC 8252 §7.3: any port matches). */
export const REGISTERED_REDIRECT_URI = "http://127.0.0.1/oauth/callback";
/** The scope a PKCE registration asks for when the session sets none (botocore `_AUTH_GRANT_DEFAULT_SCOPE`). */
export const DEFAULT_PKCE_SCOPE = "sso:account:access";
/** Our registrations' `clientName` prefix, shown on the consent page (the AWS CLI's is `botocore-client-`). */
export const CLIENT_NAME_PREFIX = "aws-sso-creds-client-";

export interface ObtainClientRegistrationOptions {
  session: LoginSession;
  flow: LoginFlow;
  cacheDir: string;
  oidc: SSOOIDCClient;
  clock: Clock;
  requestTimeoutMs: number;
  lock: LockOptions;
  logger?: Logger | undefined;
  signal?: AbortSignal | undefined;
  /** How a timeout names the setting that bounds it. */
  words?: CallerWords | undefined;
}

/** A registration for the login, and the cache file it lives in. */
export interface ObtainedRegistration {
  registration: ClientRegistration;
  path: string;
  /** Read from the cache (ours or the AWS CLI's), not registered now. */
  reused: boolean;
}


/**
 * The OIDC client registration for a login, from the cache the AWS CLI v2 shares, or registered now
 * and cached there: reused unless it expires within 15 minutes or is of the other flow's kind
 * (botocore `SSOTokenFetcher._registration` / `SSOTokenFetcherAuth._registration`).
 */
export async function obtainClientRegistration(options: ObtainClientRegistrationOptions): Promise<ObtainedRegistration> {
  const { session, flow, cacheDir, clock, logger } = options;
  const path = join(
    cacheDir,
    `${registrationCacheKey({ startUrl: session.startUrl, ssoRegion: session.ssoRegion, scopes: session.registrationScopes, ssoSession: session.ssoSession })}.json`,
  );
  const cached = await readRegistration(path);
  if (cached?.usableFor(flow, clock.now())) {
    logger?.debug?.(`${LOG_PREFIX} using the client registration in ${path}, valid until ${cached.expiresAt.toISOString()}`);
    return { registration: cached, path, reused: true };
  }
  const registration = await register(options);
  try {
    const lock = await lockFile(path, options.lock, { clock, logger, signal: options.signal });
    try {
      await writeFileAtomic(path, registration.serialize());
    } finally {
      await lock.release();
    }
  } catch (error) {
    // The token file keeps the registration too; only the next login will register again.
    logger?.warn?.(`${LOG_PREFIX} could not cache the client registration in ${path} (${(error as Error).message}); the login goes on`);
  }
  return { registration, path, reused: false };
}

/** Drops a cached registration the service no longer accepts, so that the next login registers anew. */
export async function discardClientRegistration(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

async function readRegistration(path: string): Promise<ClientRegistration | undefined> {
  try {
    return ClientRegistration.fromJson(JSON.parse(await readFile(path, "utf8")));
  } catch {
    return undefined;
  }
}

async function register(options: ObtainClientRegistrationOptions): Promise<ClientRegistration> {
  // Loaded on first use, as everywhere in the package: importing it must stay cheap for fromSSO.
  const { RegisterClientCommand } = await import("@aws-sdk/client-sso-oidc");
  const { session, flow, oidc, clock, requestTimeoutMs, signal, words } = options;
  const configured = session.registrationScopes !== undefined && session.registrationScopes.length > 0 ? [...session.registrationScopes] : undefined;
  const clientName = `${CLIENT_NAME_PREFIX}${session.ssoSession ?? String(Math.floor(clock.now() / 1000))}`;
  const pkce = flow === "pkce";
  const scopes = pkce ? (configured ?? [DEFAULT_PKCE_SCOPE]) : configured;
  const input = pkce
    ? { clientName, clientType: "public", grantTypes: [...PKCE_GRANT_TYPES], redirectUris: [REGISTERED_REDIRECT_URI], issuerUrl: session.startUrl, scopes }
    : { clientName, clientType: "public", ...(scopes === undefined ? {} : { scopes }) };
  const outcome = await callWithDeadline((abortSignal) => oidc.send(new RegisterClientCommand(input), { abortSignal }), { clock, timeoutMs: requestTimeoutMs, signal, words });
  if (!outcome.ok) throw loginErrorForFailure(outcome.failure, { target: session.target, operation: "RegisterClient" });
  const { clientId, clientSecret, clientSecretExpiresAt } = outcome.output;
  if (typeof clientId !== "string" || clientId === "" || typeof clientSecret !== "string" || clientSecret === "" || typeof clientSecretExpiresAt !== "number" || !Number.isFinite(clientSecretExpiresAt)) {
    throw new LoginFailedError({
      target: session.target,
      operation: "RegisterClient",
      problem: "MalformedResponse: the RegisterClient response had no clientId, clientSecret or clientSecretExpiresAt",
      serviceCode: "MalformedResponse",
      httpStatusCode: outcome.output.$metadata.httpStatusCode,
      requestId: outcome.output.$metadata.requestId,
    });
  }
  return new ClientRegistration({
    clientId,
    clientSecret,
    expiresAt: new Date(Math.floor(clientSecretExpiresAt) * 1000),
    ...(scopes === undefined ? {} : { scopes }),
    ...(pkce ? { grantTypes: PKCE_GRANT_TYPES } : {}),
  });
}
