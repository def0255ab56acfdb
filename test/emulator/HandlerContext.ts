import type { IncomingHttpHeaders } from "node:http";
import type { EmulatorAccount, EmulatorRuntimeConfig, RoleTrust } from "./EmulatorOptions.js";
import type { TokenStore } from "./TokenStore.js";

/**
 * What a handler gets from one request: the body parsed as a JSON object (`{}` when empty), or for
 * STS the form parameters as an object of strings.
 */
export interface OperationRequest {
  readonly body: Readonly<Record<string, unknown>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** A successful response body; `undefined` means 200 with an empty body. */
export type OperationResult = Readonly<Record<string, unknown>> | undefined;

/** Handles one operation; throws `EmulatorHttpError` for an error response. Synchronous, so it runs atomically. */
export type OperationHandler = (request: OperationRequest) => OperationResult;

/** Fixed settings of an emulator instance. */
export interface EmulatorSettings {
  readonly accounts: readonly EmulatorAccount[];
  readonly registrationTtlSeconds: number;
  readonly sessionTtlSeconds: number;
  readonly deviceCodeTtlSeconds: number;
  readonly devicePollIntervalSeconds: number;
  readonly authorizationCodeTtlSeconds: number;
}

/** The simulated user's pending decisions on the browser pages. */
export interface ConsentState {
  /** How many of the next consent decisions are refusals, whatever `authorizeOutcome` says. */
  denyNext: number;
}

/** Everything the handlers of one emulator share. */
export interface HandlerContext {
  readonly store: TokenStore;
  readonly now: () => number;
  /** Live: `configure` changes it in place. */
  readonly config: Readonly<EmulatorRuntimeConfig>;
  readonly settings: EmulatorSettings;
  /** `http://127.0.0.1:PORT` of the running server. */
  readonly baseUrl: () => string;
  readonly consent: ConsentState;
  /** Trust policies by role ARN; `setRoleTrust` changes it in place. */
  readonly roleTrust: Map<string, RoleTrust>;
}
