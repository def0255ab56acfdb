import { libraryWords, type CallerWords } from "./CallerWords.js";

/** What an SDK or network failure says, reduced to what may be shown: no response body, no request. */
export interface ServiceFailure {
  /** The service's exception name (`InvalidGrantException`), or a network code (`ECONNREFUSED`, `TimeoutError`). */
  code: string | undefined;
  httpStatusCode: number | undefined;
  /** The service's request id, when it answered. */
  requestId: string | undefined;
  /** One line for a message. */
  summary: string;
  /** The error to keep as `cause`, with the raw response (and any copy of its body) taken out. */
  cause: unknown;
}

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  /** SSO OIDC puts its explanation here; its `message` is then just "UnknownError". */
  error_description?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number };
  $responseBodyText?: unknown;
}

/**
 * Describes a failed SDK call. A body the SDK could not parse is never quoted: it may be a
 * token response cut short, and JSON.parse's message repeats the text around the fault.
 */
export function serviceFailure(error: unknown): ServiceFailure {
  const shape = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const httpStatusCode = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  const requestId = typeof shape.$metadata?.requestId === "string" ? shape.$metadata.requestId : undefined;
  if ("$responseBodyText" in shape || shape.name === "SyntaxError") {
    const status = httpStatusCode === undefined ? "" : ` (HTTP ${httpStatusCode})`;
    const cause = new Error(`unparseable response body${status}`);
    cause.name = "MalformedResponseError";
    return { code: "MalformedResponse", httpStatusCode, requestId, summary: `MalformedResponse: the service sent a response that is not valid JSON${status}`, cause };
  }
  const name = typeof shape.name === "string" ? shape.name : undefined;
  const networkCode = typeof shape.code === "string" ? shape.code : undefined;
  const code = httpStatusCode !== undefined ? name : (networkCode ?? name);
  const message =
    typeof shape.error_description === "string" && shape.error_description !== ""
      ? shape.error_description
      : typeof shape.message === "string" && shape.message !== ""
        ? shape.message
        : String(error);
  const status = httpStatusCode === undefined ? "" : `, HTTP ${httpStatusCode}`;
  return { code, httpStatusCode, requestId, summary: `${code ?? "Error"}${status}: ${message}`, cause: withoutResponse(error) };
}

/**
 * The SDK error without its raw HTTP response: through `$response.body.req` that reaches the request,
 * whose headers carry the access token (GetRoleCredentials' `x-amz-sso_bearer_token`); a deep
 * `util.inspect` of the error would print it. The SDK defines `$response` as read-only and not
 * configurable, so the cause is a copy: same prototype (`instanceof` still works), same own
 * properties (name, message, stack, `$metadata`, `$fault`, the service's fields), minus the response.
 */
function withoutResponse(error: unknown): unknown {
  if (typeof error !== "object" || error === null || !("$response" in error || "$responseBodyText" in error)) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as object;
  for (const key of Reflect.ownKeys(error)) {
    if (key === "$response" || key === "$responseBodyText") continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (descriptor !== undefined) Object.defineProperty(copy, key, descriptor);
  }
  return copy;
}

/**
 * The call's own deadline (the `requestTimeoutMs` option) passed: the SDK then rejects with an
 * AbortError, whatever it was doing (waiting for an answer, or backing off between retries).
 */
export function timeoutFailure(error: unknown, timeoutMs: number, words: CallerWords = libraryWords): ServiceFailure {
  return {
    code: "TimeoutError",
    httpStatusCode: undefined,
    requestId: undefined,
    summary: `TimeoutError: no usable answer within ${timeoutMs} ms (${words.setting("requestTimeoutMs")})`,
    cause: serviceFailure(error).cause,
  };
}
