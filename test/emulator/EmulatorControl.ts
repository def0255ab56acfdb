import type { EmulatorRuntimeConfig } from "./EmulatorOptions.js";
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

  /** Moves the standalone emulator's clock forward (it runs on wall time plus an offset). */
  async advanceClock(ms: number): Promise<void> {
    await this.#request("POST", "advance-clock", { ms });
  }
}
