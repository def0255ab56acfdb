import type { Logger } from "@smithy/types";

import type { SecretSet } from "./SecretSet.js";

/** Property names whose values are secrets wherever they appear (compared case-insensitively, `-` and `_` ignored). */
const SECRET_KEYS = new Set(
  [
    "accessToken",
    "refreshToken",
    "idToken",
    "clientSecret",
    "deviceCode",
    "codeVerifier",
    "secretAccessKey",
    "sessionToken",
    "authorization",
    "x-amz-sso_bearer_token",
    "x-amz-security-token",
    "password",
  ].map(normalizeKey),
);

/** Properties of SDK errors that hold the raw HTTP exchange (request headers included) or the raw body. */
const DROPPED_KEYS = new Set(["$response", "$responseBodyText"]);

const MAX_DEPTH = 12;
const REDACTED = "[redacted]";

/**
 * A logger that passes each argument on with its secrets taken out, for the SDK clients this library
 * makes. The SDK logs errors with their raw HTTP response attached (not enumerable, but shown by
 * `util.inspect(x, { showHidden: true })`), and through it the request whose headers carry the
 * bearer token. Here every argument is copied before it is logged:
 * - secret-named properties (tokens, secrets, keys, authorization headers) become "[redacted]";
 * - every string (a message, a value, a map key) is cleaned of the secret values in `secrets`;
 * - the raw response and body are dropped, objects of other classes (sockets, streams, requests)
 *   are shown by class name only, symbol-keyed properties are left out;
 * - a JSON parse error (whose message quotes the text around the fault) keeps no message.
 */
export function redactingLogger(logger: Logger, secrets: SecretSet): Logger {
  const forward =
    (level: keyof Logger) =>
    (...content: unknown[]): void => {
      const method = logger[level] as ((...args: unknown[]) => void) | undefined;
      method?.apply(
        logger,
        content.map((value) => redact(value, 0, [], secrets)),
      );
    };
  return { trace: forward("trace"), debug: forward("debug"), info: forward("info"), warn: forward("warn"), error: forward("error") };
}

/** `ancestors`: the objects above this one, to tell a cycle from an object met twice. */
function redact(value: unknown, depth: number, ancestors: object[], secrets: SecretSet): unknown {
  if (typeof value === "string") return secrets.redact(value);
  if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
  if (typeof value !== "object" || value === null) return value;
  if (ancestors.includes(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Object]";
  const inner = [...ancestors, value];
  const next = (item: unknown): unknown => redact(item, depth + 1, inner, secrets);
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(next);
  if (value instanceof Map) {
    return new Map([...value].map(([key, item]) => [next(key), isSecretKey(key) ? REDACTED : next(item)]));
  }
  if (value instanceof Set) return new Set([...value].map(next));
  if (value instanceof Error) return redactError(value, next, secrets);
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (prototype.constructor as { name?: string } | undefined)?.name;
    return `[${name || "Object"}]`;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (DROPPED_KEYS.has(key)) continue;
    copy[secrets.redact(key)] = isSecretKey(key) ? REDACTED : next((value as Record<string, unknown>)[key]);
  }
  return copy;
}

/** A copy of the error with the same prototype (it still prints, and tests, as its class), minus the secrets. */
function redactError(error: Error, next: (item: unknown) => unknown, secrets: SecretSet): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const key of Object.getOwnPropertyNames(error)) {
    if (DROPPED_KEYS.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    // Accessors could compute anything: leave them out.
    if (descriptor === undefined || !("value" in descriptor)) continue;
    descriptor.value = isSecretKey(key) ? REDACTED : next(descriptor.value);
    Object.defineProperty(copy, key, descriptor);
  }
  if (error.name === "SyntaxError") {
    Object.defineProperty(copy, "message", { value: "invalid JSON", enumerable: false, writable: true, configurable: true });
    Object.defineProperty(copy, "stack", { value: "SyntaxError: invalid JSON", enumerable: false, writable: true, configurable: true });
  } else if (typeof copy.stack !== "string" && typeof error.stack === "string") {
    Object.defineProperty(copy, "stack", { value: secrets.redact(error.stack), enumerable: false, writable: true, configurable: true });
  }
  return copy;
}

function isSecretKey(key: unknown): boolean {
  return typeof key === "string" && SECRET_KEYS.has(normalizeKey(key));
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, "");
}
