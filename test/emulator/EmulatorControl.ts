import type { EmulatorRuntimeConfig, RoleTrust } from "./EmulatorOptions.js";
import type { AccessKeyInfo, DeviceAuthorizationInfo, UserAccessKey } from "./IdentityCenterEmulator.js";
import type { AssumedRoleCredentials, AuthorizeRequestRecord, IssuedRoleCredentials, StsRequestRecord } from "./TokenStore.js";
import type { FaultSpec, MalformKind } from "./FaultSpec.js";
import { issuedSessionFromJson, type IssuedSession, type IssuedSessionJson, type IssueSessionOptions } from "./IssuedSession.js";
import type { CallCounts, OperationName } from "./OperationName.js";

/** `GET /__emulator/calls`. */
export interface CallReport {
  readonly calls: CallCounts;
  readonly aborted: CallCounts;
}

/** `GET /__emulator/refresh-tokens`. */
export interface RefreshTokenReport {
  readonly issued: readonly string[];
  readonly latest: string | null;
}

/** A Date member as it travels in JSON. */
type Jsonified<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]: string };

function deviceFromJson(json: Jsonified<DeviceAuthorizationInfo, "expiresAt">): DeviceAuthorizationInfo {
  return { ...json, expiresAt: new Date(json.expiresAt) };
}

/** Typed client of a standalone emulator's `/__emulator/` control API (loopback only). */
export class EmulatorControl {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    if (url.protocol !== "http:" || url.hostname !== "127.0.0.1") {
      throw new Error(`EmulatorControl only talks to http://127.0.0.1, not ${baseUrl}`);
    }
    this.baseUrl = url.origin;
  }

  async #request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator control ${method} ${path} failed: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  calls(): Promise<CallReport> {
    return this.#request("GET", "calls");
  }

  async resetCalls(): Promise<void> {
    await this.#request("POST", "reset-calls", {});
  }

  async issueSession(options: IssueSessionOptions = {}): Promise<IssuedSession> {
    return issuedSessionFromJson(await this.#request<IssuedSessionJson>("POST", "session", options));
  }

  async failNext(operation: OperationName, count = 1, spec: FaultSpec | number = 500): Promise<void> {
    const fault = typeof spec === "number" ? { status: spec } : spec;
    await this.#request("POST", "fail-next", { operation, count, ...fault });
  }

  async malformNext(operation: OperationName, count: number, kind: MalformKind): Promise<void> {
    await this.#request("POST", "malform-next", { operation, count, kind });
  }

  /** The next `count` calls of `operation` get the service's modelled throttling error. */
  async throttleNext(operation: OperationName, count = 1): Promise<void> {
    await this.#request("POST", "throttle-next", { operation, count });
  }

  async clearFaults(): Promise<void> {
    await this.#request("POST", "clear-faults", {});
  }

  config(): Promise<EmulatorRuntimeConfig> {
    return this.#request("GET", "config");
  }

  configure(patch: Partial<EmulatorRuntimeConfig>): Promise<EmulatorRuntimeConfig> {
    return this.#request("POST", "config", patch);
  }

  refreshTokens(): Promise<RefreshTokenReport> {
    return this.#request("GET", "refresh-tokens");
  }

  async revokeRefreshToken(token: string): Promise<boolean> {
    return (await this.#request<{ revoked: boolean }>("POST", "revoke-refresh-token", { token })).revoked;
  }

  async approveDevice(userCode: string): Promise<void> {
    await this.#request("POST", "approve-device", { userCode });
  }

  /** The user denies a pending device login: the CLI's next poll gets AccessDeniedException. */
  async denyDevice(userCode: string): Promise<void> {
    await this.#request("POST", "deny-device", { userCode });
  }

  /** Every device authorization started so far, oldest first (no device codes). */
  async deviceAuthorizations(): Promise<DeviceAuthorizationInfo[]> {
    const { deviceAuthorizations } = await this.#request<{ deviceAuthorizations: Jsonified<DeviceAuthorizationInfo, "expiresAt">[] }>("GET", "device-authorizations");
    return deviceAuthorizations.map(deviceFromJson);
  }

  /**
   * The newest pending device authorization, waiting (in the emulator) up to `timeoutMs` for a
   * login to start one: e.g. a CLI child process running `login`, then `approveDevice(userCode)`.
   */
  async waitForPendingDevice(timeoutMs = 10_000): Promise<DeviceAuthorizationInfo> {
    return deviceFromJson(await this.#request<Jsonified<DeviceAuthorizationInfo, "expiresAt">>("POST", "wait-device", { timeoutMs }));
  }

  /** The next `count` answers on the browser pages (`/authorize`, `/device`) are refusals. */
  async denyNextAuthorize(count = 1): Promise<void> {
    await this.#request("POST", "deny-next-authorize", { count });
  }

  /** Every visit to `GET /authorize`, oldest first, with its query parameters and outcome. */
  async authorizeRequests(): Promise<AuthorizeRequestRecord[]> {
    return (await this.#request<{ requests: AuthorizeRequestRecord[] }>("GET", "authorize-requests")).requests;
  }

  /** Every set of role credentials GetRoleCredentials handed out (no secrets). */
  async issuedRoleCredentials(): Promise<IssuedRoleCredentials[]> {
    return (await this.#request<{ issued: IssuedRoleCredentials[] }>("GET", "role-credentials")).issued;
  }

  /** Every set of credentials AssumeRole handed out (no secrets). */
  async issuedAssumedRoleCredentials(): Promise<AssumedRoleCredentials[]> {
    return (await this.#request<{ issued: AssumedRoleCredentials[] }>("GET", "assumed-role-credentials")).issued;
  }

  /** Every STS request: operation, signing access key id, region, parameters, outcome. */
  async stsRequests(): Promise<StsRequestRecord[]> {
    return (await this.#request<{ requests: StsRequestRecord[] }>("GET", "sts-requests")).requests;
  }

  /** Sets (or with `undefined` removes) a role's trust policy: ExternalId, MFA, MaxSessionDuration, deny. */
  async setRoleTrust(roleArn: string, trust: RoleTrust | undefined): Promise<void> {
    await this.#request("POST", "role-trust", { roleArn, trust: trust ?? null });
  }

  async roleTrust(): Promise<Record<string, RoleTrust>> {
    return (await this.#request<{ roleTrust: Record<string, RoleTrust> }>("GET", "role-trust")).roleTrust;
  }

  /** A long-term IAM user access key the emulator's STS accepts (a static source profile). */
  createUserAccessKey(options: { readonly accountId?: string; readonly userName?: string } = {}): Promise<UserAccessKey> {
    return this.#request("POST", "user-access-key", options);
  }

  /** What the emulator knows of an access key it issued (kind, principal ARN, expiry, valid), or undefined. */
  async accessKeyInfo(accessKeyId: string): Promise<AccessKeyInfo | undefined> {
    const { info } = await this.#request<{ info: (Omit<AccessKeyInfo, "expiresAt"> & { expiresAt?: string }) | null }>("POST", "access-key-info", { accessKeyId });
    if (info === null) return undefined;
    return { ...info, expiresAt: info.expiresAt === undefined ? undefined : new Date(info.expiresAt) };
  }

  /** Moves the standalone emulator's clock forward (it runs on wall time plus an offset). */
  async advanceClock(ms: number): Promise<void> {
    await this.#request("POST", "advance-clock", { ms });
  }
}
