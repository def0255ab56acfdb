import type { MalformKind } from "./FaultSpec.js";
import type { OperationName } from "./OperationName.js";

/** A plausible body for each operation with its required output members left out. */
const PARTIAL_BODIES: Readonly<Record<OperationName, Readonly<Record<string, unknown>>>> = Object.freeze({
  RegisterClient: { clientIdIssuedAt: 0 },
  StartDeviceAuthorization: { interval: 1 },
  CreateToken: { tokenType: "Bearer" },
  GetRoleCredentials: { roleCredentials: {} },
  ListAccounts: { accountList: [{}] },
  ListAccountRoles: { roleList: [{}] },
  Logout: { unexpected: true },
});

/** The 200 body sent for a `malformNext` fault (none for `hang`). */
export function malformedBody(operation: OperationName, kind: Exclude<MalformKind, "hang">): string {
  switch (kind) {
    case "empty":
      return "";
    case "missing-fields":
      return JSON.stringify(PARTIAL_BODIES[operation]);
    case "invalid-json": {
      const whole = JSON.stringify({ accessToken: "emu-at-truncated", tokenType: "Bearer", expiresIn: 3600 });
      return whole.slice(0, Math.floor(whole.length / 2));
    }
  }
}
