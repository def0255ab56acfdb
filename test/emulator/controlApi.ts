import type { IncomingMessage, ServerResponse } from "node:http";
import { isMalformKind, type FaultSpec } from "./FaultSpec.js";
import { readRequestBody, writeJsonResponse } from "./httpIo.js";
import type { IdentityCenterEmulator } from "./IdentityCenterEmulator.js";
import { issuedSessionToJson, type IssueSessionOptions } from "./IssuedSession.js";
import type { RoleTrust } from "./EmulatorOptions.js";
import { isOperationName, type OperationName } from "./OperationName.js";

/** Path prefix of the control API (served only when the emulator's `controlApi` option is on). */
export const CONTROL_PREFIX = "/__emulator/";

class ControlRequestError extends Error {}

type JsonObject = Readonly<Record<string, unknown>>;

function parseObject(raw: string): JsonObject {
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ControlRequestError("body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new ControlRequestError("body must be a JSON object");
  return parsed as JsonObject;
}

function field<T>(body: JsonObject, key: string, check: (value: unknown) => value is T, expected: string): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new ControlRequestError(`${key} must be ${expected}`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function operationOf(body: JsonObject): OperationName {
  const operation = field(body, "operation", isOperationName, "an operation name");
  if (operation === undefined) throw new ControlRequestError("operation is required");
  return operation;
}

function sessionOptions(body: JsonObject): IssueSessionOptions {
  return {
    startUrl: field(body, "startUrl", isString, "a string"),
    scopes: field(body, "scopes", isStringList, "a list of strings"),
    accessTokenTtlSeconds: field(body, "accessTokenTtlSeconds", isNumber, "a number"),
    registrationTtlSeconds: field(body, "registrationTtlSeconds", isNumber, "a number"),
    accessTokenExpired: field(body, "accessTokenExpired", isBoolean, "a boolean"),
  };
}

function faultSpec(body: JsonObject): FaultSpec {
  return {
    status: field(body, "status", isNumber, "a number"),
    errorType: field(body, "errorType", isString, "a string"),
    error: field(body, "error", isString, "a string"),
    description: field(body, "description", isString, "a string"),
    message: field(body, "message", isString, "a string"),
    reason: field(body, "reason", isString, "a string"),
  };
}

function requiredString(body: JsonObject, key: string): string {
  const value = field(body, key, isString, "a string");
  if (value === undefined) throw new ControlRequestError(`${key} is required`);
  return value;
}

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

function roleTrustOf(value: JsonObject): RoleTrust {
  return {
    externalId: field(value, "externalId", isString, "a string"),
    mfaSerial: field(value, "mfaSerial", isString, "a string"),
    mfaTokenCode: field(value, "mfaTokenCode", isString, "a string"),
    maxSessionDurationSeconds: field(value, "maxSessionDurationSeconds", isNumber, "a number"),
    deny: field(value, "deny", isBoolean, "a boolean"),
  };
}

async function route(emulator: IdentityCenterEmulator, key: string, body: JsonObject): Promise<unknown> {
  switch (key) {
    case "GET calls":
      return { calls: emulator.calls, aborted: emulator.aborted };
    case "POST reset-calls":
      emulator.resetCalls();
      return { ok: true };
    case "POST session":
      return issuedSessionToJson(emulator.issueSession(sessionOptions(body)));
    case "POST fail-next":
      emulator.failNext(operationOf(body), field(body, "count", isNumber, "a number") ?? 1, faultSpec(body));
      return { ok: true };
    case "POST malform-next": {
      const kind = field(body, "kind", isMalformKind, "invalid-json, missing-fields, empty or hang");
      if (kind === undefined) throw new ControlRequestError("kind is required");
      emulator.malformNext(operationOf(body), field(body, "count", isNumber, "a number") ?? 1, kind);
      return { ok: true };
    }
    case "POST throttle-next":
      emulator.throttleNext(operationOf(body), field(body, "count", isNumber, "a number") ?? 1);
      return { ok: true };
    case "POST clear-faults":
      emulator.clearFaults();
      return { ok: true };
    case "GET config":
      return emulator.config;
    case "POST config":
      emulator.configure(body);
      return emulator.config;
    case "GET refresh-tokens":
      return { issued: emulator.issuedRefreshTokens, latest: emulator.latestRefreshToken ?? null };
    case "POST revoke-refresh-token": {
      const token = field(body, "token", isString, "a string");
      if (token === undefined) throw new ControlRequestError("token is required");
      return { revoked: emulator.revokeRefreshToken(token) };
    }
    case "POST approve-device":
      emulator.approveDevice(requiredString(body, "userCode"));
      return { ok: true };
    case "POST deny-device":
      emulator.denyDevice(requiredString(body, "userCode"));
      return { ok: true };
    case "GET device-authorizations":
      return { deviceAuthorizations: emulator.deviceAuthorizations };
    case "POST wait-device":
      return await emulator.waitForPendingDevice(field(body, "timeoutMs", isNumber, "a number") ?? 10_000);
    case "POST deny-next-authorize":
      emulator.denyNextAuthorize(field(body, "count", isNumber, "a number") ?? 1);
      return { ok: true };
    case "GET authorize-requests":
      return { requests: emulator.authorizeRequests };
    case "GET role-credentials":
      return { issued: emulator.issuedRoleCredentials };
    case "GET assumed-role-credentials":
      return { issued: emulator.issuedAssumedRoleCredentials };
    case "GET sts-requests":
      return { requests: emulator.stsRequests };
    case "GET role-trust":
      return { roleTrust: emulator.roleTrust };
    case "POST role-trust": {
      const trust = body.trust;
      if (trust !== null && !isObject(trust)) throw new ControlRequestError("trust must be an object, or null to remove it");
      emulator.setRoleTrust(requiredString(body, "roleArn"), trust === null ? undefined : roleTrustOf(trust));
      return { roleTrust: emulator.roleTrust };
    }
    case "POST user-access-key":
      return emulator.createUserAccessKey({
        accountId: field(body, "accountId", isString, "a string"),
        userName: field(body, "userName", isString, "a string"),
      });
    case "POST access-key-info":
      return { info: emulator.accessKeyInfo(requiredString(body, "accessKeyId")) ?? null };
    case "POST advance-clock": {
      const ms = field(body, "ms", isNumber, "a number");
      if (ms === undefined) throw new ControlRequestError("ms is required");
      emulator.advanceClock(ms);
      return { ok: true };
    }
    default:
      return undefined;
  }
}

/**
 * The JSON control API of a (standalone) emulator, under `/__emulator/`:
 * `GET calls`, `POST reset-calls`, `POST session`, `POST fail-next`, `POST throttle-next`,
 * `POST malform-next`, `POST clear-faults`, `GET|POST config`, `GET refresh-tokens`,
 * `POST revoke-refresh-token`, `POST approve-device`, `POST deny-device`, `GET device-authorizations`,
 * `POST wait-device`, `POST deny-next-authorize`, `GET authorize-requests`, `GET role-credentials`,
 * `GET assumed-role-credentials`, `GET sts-requests`, `GET|POST role-trust`, `POST user-access-key`,
 * `POST access-key-info`, `POST advance-clock`. Errors: 400/404 `{"message"}`.
 */
export async function handleControlRequest(emulator: IdentityCenterEmulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const key = `${req.method ?? ""} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  try {
    const body = parseObject(await readRequestBody(req));
    const result = await route(emulator, key, body);
    if (result === undefined) {
      writeJsonResponse(res, 404, { message: `unknown control endpoint: ${key}` });
      return;
    }
    writeJsonResponse(res, 200, result);
  } catch (error) {
    writeJsonResponse(res, 400, { message: error instanceof Error ? error.message : String(error) });
  }
}
