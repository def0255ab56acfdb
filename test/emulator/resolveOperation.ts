import type { OperationName } from "./OperationName.js";

/** Route table, from the Smithy models' `@http` traits (both services share one server; their paths do not collide). */
const ROUTES: Readonly<Record<string, OperationName>> = Object.freeze({
  "POST /client/register": "RegisterClient",
  "POST /device_authorization": "StartDeviceAuthorization",
  "POST /token": "CreateToken",
  "GET /federation/credentials": "GetRoleCredentials",
  "GET /assignment/accounts": "ListAccounts",
  "GET /assignment/roles": "ListAccountRoles",
  "POST /logout": "Logout",
});

/** The operation a request is for, or undefined (CreateTokenWithIAM, `POST /token?aws_iam=t`, is not emulated). */
export function resolveOperation(method: string | undefined, url: URL): OperationName | undefined {
  if (url.pathname === "/token" && url.searchParams.has("aws_iam")) return undefined;
  return ROUTES[`${method ?? ""} ${url.pathname}`];
}
