/** Every operation the emulator serves, in the order they appear in a typical login + use flow. */
export const OPERATION_NAMES = Object.freeze([
  "RegisterClient",
  "StartDeviceAuthorization",
  "CreateToken",
  "GetRoleCredentials",
  "ListAccounts",
  "ListAccountRoles",
  "Logout",
  "AssumeRole",
  "GetCallerIdentity",
] as const);

/** The name of one emulated operation (as in the Smithy model). */
export type OperationName = (typeof OPERATION_NAMES)[number];

/** The three SSO OIDC operations (JSON bodies, `{error, error_description}` error shape). */
const OIDC_OPERATION_LIST: readonly OperationName[] = Object.freeze(["RegisterClient", "StartDeviceAuthorization", "CreateToken"]);

export function isOidcOperation(operation: OperationName): boolean {
  return OIDC_OPERATION_LIST.includes(operation);
}

/** The two STS operations (awsQuery: form-encoded `POST /`, XML answers). */
const STS_OPERATION_LIST: readonly OperationName[] = Object.freeze(["AssumeRole", "GetCallerIdentity"]);

/** The emulated services: SSO OIDC and the portal speak restJson1, STS awsQuery. */
export type ServiceName = "oidc" | "portal" | "sts";

export function serviceOf(operation: OperationName): ServiceName {
  if (isOidcOperation(operation)) return "oidc";
  return STS_OPERATION_LIST.includes(operation) ? "sts" : "portal";
}

/** The browser-facing pages, counted like operations: `GET /authorize` and `GET /device`. */
export const PAGE_NAMES = Object.freeze(["Authorize", "DeviceVerification"] as const);

export type PageName = (typeof PAGE_NAMES)[number];

/** Everything counted in `calls`: the operations and the browser pages. */
export type CountedName = OperationName | PageName;

export const COUNTED_NAMES: readonly CountedName[] = Object.freeze([...OPERATION_NAMES, ...PAGE_NAMES]);

/** A counter per operation and page. */
export type CallCounts = Record<CountedName, number>;

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
    AssumeRole: 0,
    GetCallerIdentity: 0,
    Authorize: 0,
    DeviceVerification: 0,
  };
}
