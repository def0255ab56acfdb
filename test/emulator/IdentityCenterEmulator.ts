import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createBrowserPages, type PageHandler } from "./browserPages.js";
import { CONTROL_PREFIX, handleControlRequest } from "./controlApi.js";
import { EmulatorHttpError, resolveFault } from "./EmulatorHttpError.js";
import {
  DEFAULT_ACCOUNTS,
  DEFAULT_REGISTRATION_TTL_SECONDS,
  DEFAULT_RUNTIME_CONFIG,
  DEFAULT_SESSION_TTL_SECONDS,
  isAuthorizeOutcome,
  isRotationMode,
  type EmulatorOptions,
  type EmulatorRuntimeConfig,
  type LatencySetting,
  type RoleTrust,
} from "./EmulatorOptions.js";
import { FaultQueue } from "./FaultQueue.js";
import { isMalformKind, type FaultSpec, type InjectedFault, type MalformKind } from "./FaultSpec.js";
import type { HandlerContext, OperationHandler } from "./HandlerContext.js";
import { readRequestBody, writeJsonResponse, writePageResponse, writeRawResponse, writeXmlResponse } from "./httpIo.js";
import { DEFAULT_SCOPES, DEFAULT_START_URL, type IssuedSession, type IssueSessionOptions } from "./IssuedSession.js";
import { issueAuthorizationCode } from "./issueAuthorizationCode.js";
import { malformedBody } from "./malformedBody.js";
import { createOidcHandlers } from "./oidcHandlers.js";
import {
  COUNTED_NAMES,
  emptyCallCounts,
  isOperationName,
  serviceOf,
  type CallCounts,
  type OperationName,
  type PageName,
  type ServiceName,
} from "./OperationName.js";
import { createPortalHandlers } from "./portalHandlers.js";
import { redirectUriMatches } from "./redirectUriMatches.js";
import { resolveOperation } from "./resolveOperation.js";
import { resolvePage } from "./resolvePage.js";
import { sigV4Credential } from "./sigV4Credential.js";
import { signIn } from "./signIn.js";
import { createStsHandlers } from "./stsHandlers.js";
import { stsErrorXml, stsResponseXml } from "./stsXml.js";
import type { XmlValue } from "./toXml.js";
import { randomAccessKeyId, randomToken } from "./randomToken.js";
import { stableIamId } from "./stableIamId.js";
import {
  TokenStore,
  type AccessKeyKind,
  type AssumedRoleCredentials,
  type AuthorizeRequestRecord,
  type DeviceAuthorization,
  type DeviceAuthorizationStatus,
  type IssuedRoleCredentials,
  type StsRequestRecord,
} from "./TokenStore.js";

/** A device authorization as a test sees it (the device code itself is a secret and is left out). */
export interface DeviceAuthorizationInfo {
  readonly userCode: string;
  readonly clientId: string;
  readonly startUrl: string;
  readonly status: DeviceAuthorizationStatus;
  readonly expiresAt: Date;
  readonly intervalSeconds: number;
  /** `verificationUriComplete`: the page a browser would open to approve it. */
  readonly verificationUriComplete: string;
}

/** STS `Action` values the emulator serves. */
const STS_ACTIONS: Readonly<Record<string, "AssumeRole" | "GetCallerIdentity">> = Object.freeze({
  AssumeRole: "AssumeRole",
  GetCallerIdentity: "GetCallerIdentity",
});

/** A long-term access key of an IAM user (see `createUserAccessKey`): a source profile with static keys. */
export interface UserAccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
  /** `arn:aws:iam::ACCOUNT:user/NAME` */
  readonly arn: string;
}

/** What the emulator knows of an access key it issued (see `accessKeyInfo`); never the secret. */
export interface AccessKeyInfo {
  readonly accessKeyId: string;
  readonly kind: AccessKeyKind;
  readonly accountId: string;
  /** The principal: an assumed-role session ARN or a user ARN. */
  readonly arn: string;
  /** Undefined for a user's long-term key. */
  readonly expiresAt: Date | undefined;
  /** Not expired at the emulator's current time: STS would accept a signature with it. */
  readonly valid: boolean;
}

/** Options of `IdentityCenterEmulator.mintAuthorizationCode`. */
export interface MintAuthorizationCodeOptions {
  readonly clientId: string;
  readonly redirectUri: string;
  /** PKCE S256 challenge: base64url(sha256(codeVerifier)). CreateToken then requires the matching `codeVerifier`. */
  readonly codeChallenge?: string;
  /** Default: the client registration's scopes. */
  readonly scopes?: readonly string[];
  /** Default `https://emulator.awsapps.com/start`. */
  readonly startUrl?: string;
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

function validateLatency(value: unknown): LatencySetting {
  if (isNonNegativeNumber(value)) return value;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const out: Partial<Record<OperationName, number>> = {};
    for (const [key, ms] of Object.entries(value)) {
      if (!isOperationName(key) || !isNonNegativeNumber(ms)) throw new TypeError(`latencyMs: invalid entry ${key}=${String(ms)}`);
      out[key] = ms;
    }
    return out;
  }
  throw new TypeError("latencyMs must be a non-negative number or a map of operation name to number");
}

/** Checks an untrusted `configure` patch (e.g. from the control API) and returns it typed. */
function validateConfigPatch(patch: Readonly<Record<string, unknown>>): Partial<EmulatorRuntimeConfig> {
  const out: Partial<EmulatorRuntimeConfig> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    switch (key) {
      case "latencyMs":
        out.latencyMs = validateLatency(value);
        break;
      case "rotation":
        if (!isRotationMode(value)) throw new TypeError(`rotation must be rotate, rotate-with-grace or none, got ${String(value)}`);
        out.rotation = value;
        break;
      case "rotationGraceSeconds":
      case "accessTokenTtlSeconds":
      case "roleCredentialsTtlSeconds":
        if (!isNonNegativeNumber(value)) throw new TypeError(`${key} must be a non-negative number`);
        out[key] = value;
        break;
      case "assumeRoleTtlCapSeconds":
        if (value !== null && !isNonNegativeNumber(value)) throw new TypeError("assumeRoleTtlCapSeconds must be a non-negative number or null");
        out.assumeRoleTtlCapSeconds = value;
        break;
      case "stsDisabledRegions":
        if (!Array.isArray(value) || !value.every((region) => typeof region === "string")) throw new TypeError("stsDisabledRegions must be a list of region names");
        out.stsDisabledRegions = Object.freeze([...(value as string[])]);
        break;
      case "authorizeOutcome":
        if (!isAuthorizeOutcome(value)) throw new TypeError(`authorizeOutcome must be approve or deny, got ${String(value)}`);
        out.authorizeOutcome = value;
        break;
      case "autoApproveDevices":
      case "enforceDevicePollInterval":
        if (typeof value !== "boolean") throw new TypeError(`${key} must be a boolean`);
        out[key] = value;
        break;
      default:
        throw new TypeError(`unknown setting: ${key}`);
    }
  }
  return out;
}

/**
 * An offline IAM Identity Center: the SSO OIDC API (RegisterClient, StartDeviceAuthorization,
 * CreateToken) and the portal API (GetRoleCredentials, ListAccounts, ListAccountRoles, Logout),
 * speaking restJson1, plus STS (AssumeRole, GetCallerIdentity; awsQuery on `POST /`) and the
 * browser pages `GET /authorize` and `GET /device`, all on one HTTP server at 127.0.0.1, so the
 * real `SSOOIDCClient` / `SSOClient` / `STSClient` work against it with `endpoint: emulator.url`
 * (or `AWS_ENDPOINT_URL_SSO_OIDC` / `AWS_ENDPOINT_URL_SSO` / `AWS_ENDPOINT_URL_STS`).
 */
export class IdentityCenterEmulator {
  readonly #now: () => number;
  readonly #config: EmulatorRuntimeConfig;
  readonly #store = new TokenStore();
  readonly #faults = new FaultQueue();
  readonly #calls = emptyCallCounts();
  readonly #aborted = emptyCallCounts();
  readonly #ctx: HandlerContext;
  readonly #handlers: Record<OperationName, OperationHandler>;
  readonly #pages: Record<PageName, PageHandler>;
  readonly #options: EmulatorOptions;
  readonly #sockets = new Set<Socket>();
  readonly #pendingDelays = new Set<() => void>();
  readonly #watchers = new Set<() => void>();
  #server: Server | undefined;
  #url: string | undefined;

  constructor(options: EmulatorOptions = {}) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#config = { ...DEFAULT_RUNTIME_CONFIG };
    const {
      latencyMs,
      rotation,
      rotationGraceSeconds,
      accessTokenTtlSeconds,
      roleCredentialsTtlSeconds,
      autoApproveDevices,
      enforceDevicePollInterval,
      authorizeOutcome,
      assumeRoleTtlCapSeconds,
      stsDisabledRegions,
    } = options;
    this.configure({
      assumeRoleTtlCapSeconds,
      stsDisabledRegions,
      latencyMs,
      rotation,
      rotationGraceSeconds,
      accessTokenTtlSeconds,
      roleCredentialsTtlSeconds,
      autoApproveDevices,
      enforceDevicePollInterval,
      authorizeOutcome,
    });
    this.#ctx = {
      store: this.#store,
      now: this.#now,
      config: this.#config,
      baseUrl: () => this.url,
      settings: {
        accounts: (options.accounts ?? DEFAULT_ACCOUNTS).map((account) => ({ ...account, roles: [...account.roles] })),
        registrationTtlSeconds: options.registrationTtlSeconds ?? DEFAULT_REGISTRATION_TTL_SECONDS,
        sessionTtlSeconds: options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
        deviceCodeTtlSeconds: options.deviceCodeTtlSeconds ?? 600,
        devicePollIntervalSeconds: options.devicePollIntervalSeconds ?? 1,
        authorizationCodeTtlSeconds: options.authorizationCodeTtlSeconds ?? 600,
      },
      consent: { denyNext: 0 },
      roleTrust: new Map(),
    };
    for (const [roleArn, trust] of Object.entries(options.roleTrust ?? {})) this.setRoleTrust(roleArn, trust);
    this.#handlers = { ...createOidcHandlers(this.#ctx), ...createPortalHandlers(this.#ctx), ...createStsHandlers(this.#ctx) };
    this.#pages = createBrowserPages(this.#ctx);
  }

  /** Starts listening on 127.0.0.1 (port from the options, default any free port); resolves with `url`. */
  async start(): Promise<string> {
    if (this.#server) throw new Error("IdentityCenterEmulator already started");
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) writeJsonResponse(res, 500, { message: String(error) }, { "x-amzn-ErrorType": "InternalServerException" });
        else res.destroy();
      }).finally(() => this.#notify());
    });
    server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once("close", () => this.#sockets.delete(socket));
    });
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#options.port ?? 0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}`;
    return this.#url;
  }

  /** Stops the server, closing every connection at once (hung and delayed requests included). */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
    for (const release of [...this.#pendingDelays]) release();
    await closed;
  }

  /** `http://127.0.0.1:PORT`; throws before `start()`. */
  get url(): string {
    if (this.#url === undefined) throw new Error("IdentityCenterEmulator not started");
    return this.#url;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Requests per operation that reached the handler (failed, faulted and aborted ones included); a snapshot. */
  get calls(): Readonly<CallCounts> {
    return { ...this.#calls };
  }

  /** Requests per operation dropped because the client went away before they were processed; a snapshot. */
  get aborted(): Readonly<CallCounts> {
    return { ...this.#aborted };
  }

  resetCalls(): void {
    for (const name of COUNTED_NAMES) {
      this.#calls[name] = 0;
      this.#aborted[name] = 0;
    }
  }

  /** The current runtime settings (a snapshot). */
  get config(): Readonly<EmulatorRuntimeConfig> {
    return { ...this.#config };
  }

  /** Changes runtime settings (latency, rotation, TTLs...); applies to requests processed from now on. */
  configure(patch: Partial<EmulatorRuntimeConfig>): void {
    Object.assign(this.#config, validateConfigPatch(patch));
  }

  /**
   * The next `count` calls of `operation` get an error response instead of being processed
   * (nothing is issued, consumed or rotated). `spec` may be just a status; default 500.
   * With only an `errorType` of the service's model, the model's status is used.
   */
  failNext(operation: OperationName, count = 1, spec: FaultSpec | number = 500): void {
    this.#faults.add(operation, count, { kind: "fail", spec: resolveFault(serviceOf(operation), spec) });
  }

  /**
   * The next `count` calls of `operation` are throttled the way the service does it:
   * OIDC `SlowDownException` (400, `slow_down`; the SDK does not retry it), portal
   * `TooManyRequestsException` (429), STS `Throttling` (400, "Rate exceeded"; both retried by the SDK).
   */
  throttleNext(operation: OperationName, count = 1): void {
    const THROTTLES: Readonly<Record<ServiceName, FaultSpec>> = {
      oidc: { errorType: "SlowDownException", description: "Rate exceeded: slow down" },
      portal: { errorType: "TooManyRequestsException", message: "Rate exceeded" },
      sts: { errorType: "Throttling", message: "Rate exceeded" },
    };
    this.failNext(operation, count, THROTTLES[serviceOf(operation)]);
  }

  /** The next `count` calls of `operation` get a malformed 200 (or, for `hang`, no answer at all). */
  malformNext(operation: OperationName, count: number, kind: MalformKind): void {
    if (!isMalformKind(kind)) throw new TypeError(`unknown malform kind: ${String(kind)}`);
    this.#faults.add(operation, count, { kind: "malform", malform: kind });
  }

  /** Drops every queued `failNext` / `malformNext` fault. */
  clearFaults(): void {
    this.#faults.clear();
  }

  /** Every refresh token issued so far, oldest first. */
  get issuedRefreshTokens(): readonly string[] {
    return [...this.#store.issuedRefreshTokens];
  }

  /** The newest refresh token issued (by any session), or undefined. */
  get latestRefreshToken(): string | undefined {
    return this.#store.issuedRefreshTokens.at(-1);
  }

  /** Every set of role credentials handed out by GetRoleCredentials, oldest first. */
  get issuedRoleCredentials(): readonly IssuedRoleCredentials[] {
    return [...this.#store.issuedRoleCredentials];
  }

  /** Every set of credentials handed out by AssumeRole, oldest first (without secrets). */
  get issuedAssumedRoleCredentials(): readonly AssumedRoleCredentials[] {
    return [...this.#store.assumedRoleCredentials];
  }

  /** Every STS request (AssumeRole, GetCallerIdentity), oldest first: the signing key id, parameters and outcome. */
  get stsRequests(): readonly StsRequestRecord[] {
    return this.#store.stsRequests.map((record) => ({ ...record }));
  }

  /**
   * Sets (or with `undefined` removes) the trust policy of a role: required ExternalId, MFA,
   * MaxSessionDuration, or deny. Without an entry any emulator-issued key may assume the role.
   */
  setRoleTrust(roleArn: string, trust: RoleTrust | undefined): void {
    if (trust === undefined) {
      this.#ctx.roleTrust.delete(roleArn);
      return;
    }
    const max = trust.maxSessionDurationSeconds;
    if (max !== undefined && (!Number.isSafeInteger(max) || max < 3600 || max > 43200)) {
      throw new RangeError(`maxSessionDurationSeconds must be 3600..43200 (IAM's range), got ${max}`);
    }
    if (trust.mfaTokenCode !== undefined && !/^\d{6}$/.test(trust.mfaTokenCode)) throw new RangeError("mfaTokenCode must be 6 digits");
    this.#ctx.roleTrust.set(roleArn, { ...trust });
  }

  /** The trust policies set so far, by role ARN (a snapshot). */
  get roleTrust(): Readonly<Record<string, RoleTrust>> {
    return Object.fromEntries(this.#ctx.roleTrust);
  }

  /**
   * A long-term access key of an IAM user (no session token, never expires), which STS accepts:
   * for a source profile with static keys at the start of a role chain.
   */
  createUserAccessKey(options: { readonly accountId?: string; readonly userName?: string } = {}): UserAccessKey {
    const accountId = options.accountId ?? DEFAULT_ACCOUNTS[0]?.accountId ?? "111122223333";
    const userName = options.userName ?? "emulator-user";
    if (!/^\d{12}$/.test(accountId)) throw new RangeError(`accountId must be 12 digits, got ${accountId}`);
    const arn = `arn:aws:iam::${accountId}:user/${userName}`;
    const key = {
      accessKeyId: `AKIAEMU${randomAccessKeyId().slice(7)}`,
      secretAccessKey: randomToken("emu-sak-", 30),
      sessionToken: undefined,
      expiresAt: undefined,
      kind: "user" as const,
      accountId,
      arn,
      userId: stableIamId("AIDA", arn),
    };
    this.#store.accessKeys.set(key.accessKeyId, key);
    return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, accountId, arn };
  }

  /**
   * What the emulator knows of an access key it issued (GetRoleCredentials, AssumeRole or
   * `createUserAccessKey`), or undefined: e.g. to check that credentials served by a container
   * endpoint are real, unexpired emulator credentials.
   */
  accessKeyInfo(accessKeyId: string): AccessKeyInfo | undefined {
    const key = this.#store.accessKeys.get(accessKeyId);
    if (!key) return undefined;
    return {
      accessKeyId,
      kind: key.kind,
      accountId: key.accountId,
      arn: key.arn,
      expiresAt: key.expiresAt === undefined ? undefined : new Date(key.expiresAt),
      valid: key.expiresAt === undefined || this.#now() < key.expiresAt,
    };
  }

  /** Whether `token` would be accepted by the portal right now. */
  isAccessTokenValid(token: string): boolean {
    return this.#store.sessionOfAccessToken(token, this.#now()) !== undefined;
  }

  /**
   * A client registration plus a signed-in session, as if the user had just completed
   * `aws sso login`: what a test needs to write an AWS CLI token cache file.
   */
  issueSession(options: IssueSessionOptions = {}): IssuedSession {
    const now = this.#now();
    const startUrl = options.startUrl ?? DEFAULT_START_URL;
    const scopes = [...(options.scopes ?? DEFAULT_SCOPES)];
    const registration = this.#store.createRegistration(
      {
        clientName: "emulator-issued-session",
        clientType: "public",
        scopes,
        grantTypes: undefined,
        redirectUris: [],
        issuerUrl: undefined,
      },
      Math.floor(now / 1000),
      options.registrationTtlSeconds ?? this.#ctx.settings.registrationTtlSeconds,
    );
    const { accessToken, refreshToken } = signIn(
      this.#ctx,
      { clientId: registration.clientId, startUrl, scopes },
      options.accessTokenTtlSeconds ?? this.#config.accessTokenTtlSeconds,
      options.accessTokenExpired ? now - 1000 : undefined,
    );
    return {
      startUrl,
      scopes,
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: new Date(registration.expiresAt),
      accessToken: accessToken.token,
      refreshToken: refreshToken.token,
      expiresAt: new Date(accessToken.expiresAt),
    };
  }

  /** Makes a refresh token unusable (InvalidGrantException). Returns false if it was unknown. */
  revokeRefreshToken(token: string): boolean {
    const record = this.#store.refreshTokens.get(token);
    if (!record) return false;
    record.state = "revoked";
    return true;
  }

  /** The user approves a pending device authorization (as on the verification page). */
  approveDevice(userCode: string): void {
    this.#deviceByUserCode(userCode).status = "approved";
  }

  /** The user denies a pending device authorization: polling then gets AccessDeniedException. */
  denyDevice(userCode: string): void {
    this.#deviceByUserCode(userCode).status = "denied";
  }

  /** Every device authorization started so far, oldest first (a snapshot, without the device codes). */
  get deviceAuthorizations(): readonly DeviceAuthorizationInfo[] {
    return [...this.#store.deviceAuthorizations.values()].map((auth) => this.#deviceInfo(auth));
  }

  /**
   * Resolves with the newest device authorization still pending (not approved, denied or expired),
   * waiting for one to be started if need be: for a test driving a login in another process.
   */
  async waitForPendingDevice(timeoutMs = 10_000): Promise<DeviceAuthorizationInfo> {
    const pending = (): DeviceAuthorization | undefined =>
      [...this.#store.deviceAuthorizations.values()].reverse().find((auth) => auth.status === "pending" && this.#now() < auth.expiresAt);
    await this.waitUntil(() => pending() !== undefined, timeoutMs);
    const auth = pending();
    if (!auth) throw new Error("IdentityCenterEmulator.waitForPendingDevice: the device authorization went away");
    return this.#deviceInfo(auth);
  }

  /**
   * The next `count` answers of the simulated user on a browser page (`GET /authorize` or
   * `GET /device`) are refusals, whatever `authorizeOutcome` says.
   */
  denyNextAuthorize(count = 1): void {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
    this.#ctx.consent.denyNext += count;
  }

  /** Every visit to `GET /authorize`, oldest first, with its query parameters and outcome. */
  get authorizeRequests(): readonly AuthorizeRequestRecord[] {
    return [...this.#store.authorizeRequests];
  }

  /** The newest visit to `GET /authorize`, or undefined. */
  get lastAuthorizeRequest(): AuthorizeRequestRecord | undefined {
    return this.#store.authorizeRequests.at(-1);
  }

  #deviceInfo(auth: DeviceAuthorization): DeviceAuthorizationInfo {
    return {
      userCode: auth.userCode,
      clientId: auth.clientId,
      startUrl: auth.startUrl,
      status: auth.status,
      expiresAt: new Date(auth.expiresAt),
      intervalSeconds: auth.intervalSeconds,
      verificationUriComplete: `${this.url}/device?user_code=${encodeURIComponent(auth.userCode)}`,
    };
  }

  /**
   * An authorization code, as the authorize endpoint would redirect with after the user signed in,
   * for the authorization_code grant of CreateToken, without a browser. The client must be
   * registered with `redirectUri` matching one of its `redirectUris` (loopback: any port).
   */
  mintAuthorizationCode(options: MintAuthorizationCodeOptions): string {
    const registration = this.#store.registrations.get(options.clientId);
    if (!registration) throw new Error(`unknown clientId: ${options.clientId}`);
    if (!registration.redirectUris.some((uri) => redirectUriMatches(uri, options.redirectUri))) {
      throw new Error(`redirectUri ${options.redirectUri} is not registered for client ${options.clientId}`);
    }
    return issueAuthorizationCode(this.#ctx, {
      clientId: options.clientId,
      redirectUri: options.redirectUri,
      codeChallenge: options.codeChallenge,
      scopes: options.scopes ?? registration.scopes,
      startUrl: options.startUrl ?? registration.issuerUrl ?? DEFAULT_START_URL,
    }).code;
  }

  /**
   * Resolves once `predicate()` holds, re-checking it whenever a request arrives, is answered or
   * is dropped: e.g. `await emu.waitUntil(() => emu.aborted.CreateToken === 1)`. Rejects after `timeoutMs`.
   */
  waitUntil(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.#watchers.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#watchers.delete(check);
        reject(new Error(`IdentityCenterEmulator.waitUntil: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#watchers.add(check);
    });
  }

  #notify(): void {
    for (const check of [...this.#watchers]) check();
  }

  /** For the control API's `advance-clock`: set when the emulator was built with `advanceClock`. */
  advanceClock(ms: number): void {
    if (!this.#options.advanceClock) throw new Error("this emulator's clock cannot be advanced (no advanceClock option)");
    this.#options.advanceClock(ms);
  }

  #deviceByUserCode(userCode: string) {
    for (const auth of this.#store.deviceAuthorizations.values()) {
      if (auth.userCode === userCode && auth.status !== "consumed") return auth;
    }
    throw new Error(`no device authorization with user code ${userCode}`);
  }

  #latencyFor(operation: OperationName): number {
    const latency = this.#config.latencyMs;
    return typeof latency === "number" ? latency : (latency[operation] ?? 0);
  }

  /** Waits `ms`, or less if the response closes (client gone) or the emulator stops. */
  #delay(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        res.off("close", release);
        this.#pendingDelays.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      res.once("close", release);
      this.#pendingDelays.add(release);
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (this.#options.controlApi && url.pathname.startsWith(CONTROL_PREFIX)) {
      await handleControlRequest(this, req, res, url);
      return;
    }
    const page = resolvePage(req.method, url);
    if (page) {
      this.#calls[page] += 1;
      req.resume();
      writePageResponse(res, this.#pages[page](url));
      return;
    }
    if (req.method === "POST" && url.pathname === "/") {
      await this.#handleQuery(req, res, url);
      return;
    }
    const operation = resolveOperation(req.method, url);
    if (!operation) {
      writeJsonResponse(res, 404, { message: `No emulated operation for ${req.method ?? "?"} ${url.pathname}` }, {
        "x-amzn-ErrorType": "UnknownOperationException",
      });
      return;
    }
    await this.#process(operation, req, res, url, () => readRequestBody(req), undefined);
  }

  /** STS (awsQuery): the operation is the form body's `Action`, so the body is read before counting. */
  async #handleQuery(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let rawBody: string;
    try {
      rawBody = await readRequestBody(req);
    } catch {
      return;
    }
    const form = new URLSearchParams(rawBody);
    const action = form.get("Action") ?? "";
    const operation = STS_ACTIONS[action];
    if (!operation) {
      const requestId = randomUUID();
      const error = EmulatorHttpError.sts("InvalidAction", `Could not find operation ${action} for version ${form.get("Version") ?? "NO_VERSION_SPECIFIED"}`);
      writeXmlResponse(res, error.status, stsErrorXml(error.body, requestId), requestId);
      return;
    }
    const credential = sigV4Credential(req.headers.authorization);
    const record = {
      operation,
      accessKeyId: credential?.accessKeyId,
      region: credential?.region,
      params: Object.fromEntries(form.entries()),
      outcome: "pending",
    };
    this.#store.stsRequests.push(record);
    await this.#process(operation, req, res, url, () => Promise.resolve(rawBody), (outcome) => (record.outcome = outcome));
  }

  /** Counts the call, then applies latency, faults and the handler, answering in the service's protocol. */
  async #process(
    operation: OperationName,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    readBody: () => Promise<string>,
    onOutcome: ((outcome: string) => void) | undefined,
  ): Promise<void> {
    this.#calls[operation] += 1;
    this.#notify();
    let clientGone = false;
    res.once("close", () => {
      if (!res.writableFinished) clientGone = true;
    });
    let rawBody: string;
    try {
      rawBody = await readBody();
    } catch {
      this.#aborted[operation] += 1;
      onOutcome?.("aborted");
      return;
    }
    const latency = this.#latencyFor(operation);
    if (latency > 0) await this.#delay(latency, res);
    if (clientGone || res.destroyed) {
      this.#aborted[operation] += 1;
      onOutcome?.("aborted");
      return;
    }
    const fault = this.#faults.take(operation);
    if (fault) {
      onOutcome?.("fault");
      this.#respondWithFault(operation, fault, res);
      return;
    }
    const service = serviceOf(operation);
    const requestId = randomUUID();
    try {
      const body = service === "oidc" ? parseOidcBody(rawBody) : service === "sts" ? Object.fromEntries(new URLSearchParams(rawBody).entries()) : {};
      const result = this.#handlers[operation]({ body, query: url.searchParams, headers: req.headers });
      onOutcome?.("ok");
      if (service === "sts") writeXmlResponse(res, 200, stsResponseXml(operation, (result ?? {}) as XmlValue, requestId), requestId);
      else writeJsonResponse(res, 200, result);
    } catch (error) {
      const httpError =
        error instanceof EmulatorHttpError
          ? error
          : EmulatorHttpError.fromFault({ status: 500, description: String(error), message: String(error) }, service);
      onOutcome?.(httpError.errorType);
      this.#writeError(service, httpError, res, requestId);
    }
  }

  #writeError(service: ServiceName, error: EmulatorHttpError, res: ServerResponse, requestId: string = randomUUID()): void {
    if (service === "sts") writeXmlResponse(res, error.status, stsErrorXml(error.body, requestId), requestId);
    else writeJsonResponse(res, error.status, error.body, { "x-amzn-ErrorType": error.errorType });
  }

  #respondWithFault(operation: OperationName, fault: InjectedFault, res: ServerResponse): void {
    const service = serviceOf(operation);
    if (fault.kind === "fail") {
      this.#writeError(service, EmulatorHttpError.fromFault(fault.spec, service), res);
      return;
    }
    if (fault.malform === "hang") return; // never answered; stop() or the client closes the socket
    const body = malformedBody(operation, fault.malform);
    if (service === "sts") writeXmlResponse(res, 200, body, randomUUID());
    else writeRawResponse(res, 200, body);
  }
}

function parseOidcBody(raw: string): Readonly<Record<string, unknown>> {
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw EmulatorHttpError.oidc("InvalidRequestException", "Request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw EmulatorHttpError.oidc("InvalidRequestException", "Request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}
