import type { MalformKind } from "./FaultSpec.js";
import type { OperationName } from "./OperationName.js";
import { stsResponseXml } from "./stsXml.js";

type RestJsonOperation = Exclude<OperationName, "AssumeRole" | "GetCallerIdentity">;

/** A plausible body for each restJson1 operation with its required output members left out. */
const PARTIAL_BODIES: Readonly<Record<RestJsonOperation, Readonly<Record<string, unknown>>>> = Object.freeze({
  RegisterClient: { clientIdIssuedAt: 0 },
  StartDeviceAuthorization: { interval: 1 },
  CreateToken: { tokenType: "Bearer" },
  GetRoleCredentials: { roleCredentials: {} },
  ListAccounts: { accountList: [{}] },
  ListAccountRoles: { roleList: [{}] },
  Logout: { unexpected: true },
});

/** A plausible STS result with its required members (Credentials; Arn...) left out. */
const PARTIAL_STS_RESULTS: Readonly<Record<"AssumeRole" | "GetCallerIdentity", Readonly<Record<string, string | Record<string, string>>>>> = Object.freeze({
  AssumeRole: { AssumedRoleUser: { AssumedRoleId: "AROAEMULATOREXAMPLE:s", Arn: "arn:aws:sts::111122223333:assumed-role/Example/s" } },
  GetCallerIdentity: { Account: "111122223333" },
});

/**
 * The 200 body sent for a `malformNext` fault (none for `hang`). For STS (XML) `invalid-json`
 * means a truncated XML document and `missing-fields` a response without its required members.
 */
export function malformedBody(operation: OperationName, kind: Exclude<MalformKind, "hang">): string {
  if (operation === "AssumeRole" || operation === "GetCallerIdentity") {
    const partial = PARTIAL_STS_RESULTS[operation];
    const whole = stsResponseXml(operation, partial, "00000000-0000-4000-8000-000000000000");
    if (kind === "empty") return "";
    return kind === "missing-fields" ? whole : whole.slice(0, Math.floor(whole.length / 2));
  }
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
