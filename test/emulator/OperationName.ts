/** Every operation the emulator serves, in the order they appear in a typical login + use flow. */
export const OPERATION_NAMES = Object.freeze([
  "RegisterClient",
  "StartDeviceAuthorization",
  "CreateToken",
  "GetRoleCredentials",
  "ListAccounts",
  "ListAccountRoles",
  "Logout",
] as const);

/** The name of one emulated operation (as in the Smithy model). */
export type OperationName = (typeof OPERATION_NAMES)[number];

/** The three SSO OIDC operations (JSON bodies, `{error, error_description}` error shape). */
const OIDC_OPERATION_LIST: readonly OperationName[] = Object.freeze(["RegisterClient", "StartDeviceAuthorization", "CreateToken"]);

export function isOidcOperation(operation: OperationName): boolean {
  return OIDC_OPERATION_LIST.includes(operation);
}

/** The emulated services: SSO OIDC and the portal speak restJson1. */
export type ServiceName = "oidc" | "portal";

export function serviceOf(operation: OperationName): ServiceName {
  return isOidcOperation(operation) ? "oidc" : "portal";
}

/** A counter per operation. */
export type CallCounts = Record<OperationName, number>;

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === "string" && (OPERATION_NAMES as readonly string[]).includes(value);
}

export function emptyCallCounts(): CallCounts {
  return {
    RegisterClient: 0,
    StartDeviceAuthorization: 0,
    CreateToken: 0,
    GetRoleCredentials: 0,
    ListAccounts: 0,
    ListAccountRoles: 0,
    Logout: 0,
  };
}
