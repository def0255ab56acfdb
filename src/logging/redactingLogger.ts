import type { Logger } from "@smithy/types";

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
 * bearer token. Here every argument is copied before it is logged: secret-named properties (tokens,
 * secrets, keys, authorization headers) become "[redacted]", the raw response and body are dropped,
 * objects of other classes (sockets, streams, requests) are shown by class name only, and a JSON
 * parse error (whose message quotes the text around the fault) keeps no message.
 */
export function redactingLogger(logger: Logger): Logger {
  const forward =
    (level: keyof Logger) =>
    (...content: unknown[]): void => {
      const method = logger[level] as ((...args: unknown[]) => void) | undefined;
      method?.apply(logger, content.map((value) => redact(value, 0, new WeakSet())));
    };
  return { trace: forward("trace"), debug: forward("debug"), info: forward("info"), warn: forward("warn"), error: forward("error") };
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Object]";
  seen.add(value);
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  if (value instanceof Map) {
    return new Map([...value].map(([key, item]) => [key, isSecretKey(key) ? REDACTED : redact(item, depth + 1, seen)]));
  }
  if (value instanceof Error) return redactError(value, depth, seen);
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (prototype.constructor as { name?: string } | undefined)?.name;
    return `[${name || "Object"}]`;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (DROPPED_KEYS.has(key)) continue;
    copy[key] = isSecretKey(key) ? REDACTED : redact((value as Record<string, unknown>)[key], depth + 1, seen);
  }
  return copy;
}

/** A copy of the error with the same prototype (it still prints, and tests, as its class), minus the secrets. */
function redactError(error: Error, depth: number, seen: WeakSet<object>): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const key of Reflect.ownKeys(error)) {
    if (typeof key === "string" && DROPPED_KEYS.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (descriptor === undefined) continue;
    if ("value" in descriptor) {
      descriptor.value =
        typeof key === "string" && isSecretKey(key) ? REDACTED : redact(descriptor.value, depth + 1, seen);
    } else {
      continue; // accessors could compute anything; leave them out
    }
    Object.defineProperty(copy, key, descriptor);
  }
  if (error.name === "SyntaxError") {
    Object.defineProperty(copy, "message", { value: "invalid JSON", enumerable: false, writable: true, configurable: true });
    Object.defineProperty(copy, "stack", { value: "SyntaxError: invalid JSON", enumerable: false, writable: true, configurable: true });
  }
  return copy;
}

function isSecretKey(key: unknown): boolean {
  return typeof key === "string" && SECRET_KEYS.has(normalizeKey(key));
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, "");
}
