/** What an SDK or network failure says, reduced to what may be shown: no response body, no request. */
export interface ServiceFailure {
  /** The service's exception name (`InvalidGrantException`), or a network code (`ECONNREFUSED`, `TimeoutError`). */
  code: string | undefined;
  httpStatusCode: number | undefined;
  /** One line for a message. */
  summary: string;
  /** The error to keep as `cause`, with any copy of the response body taken out. */
  cause: unknown;
}

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  /** SSO OIDC puts its explanation here; its `message` is then just "UnknownError". */
  error_description?: unknown;
  $metadata?: { httpStatusCode?: number };
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
  if ("$responseBodyText" in shape || shape.name === "SyntaxError") {
    const status = httpStatusCode === undefined ? "" : ` (HTTP ${httpStatusCode})`;
    const cause = new Error(`unparseable response body${status}`);
    cause.name = "MalformedResponseError";
    return { code: "MalformedResponse", httpStatusCode, summary: `the service sent a response that is not valid JSON${status}`, cause };
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
  return { code, httpStatusCode, summary: `${code ?? "Error"}${status}: ${message}`, cause: error };
}
