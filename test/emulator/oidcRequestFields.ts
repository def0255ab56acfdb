import { EmulatorHttpError } from "./EmulatorHttpError.js";

function invalid(key: string, expected: string): EmulatorHttpError {
  return EmulatorHttpError.oidc("InvalidRequestException", `Invalid value for ${key}: expected ${expected}`);
}

/** A string member of an OIDC JSON request, or undefined when absent/null. */
export function optionalString(body: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(key, "a string");
  return value;
}

/** A required, non-empty string member of an OIDC JSON request. */
export function requiredString(body: Readonly<Record<string, unknown>>, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === "") {
    throw EmulatorHttpError.oidc("InvalidRequestException", `Missing required parameter: ${key}`);
  }
  return value;
}

/** A list-of-strings member of an OIDC JSON request, or undefined when absent/null. */
export function optionalStringList(body: Readonly<Record<string, unknown>>, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === "string")) {
    throw invalid(key, "a list of strings");
  }
  return value;
}
