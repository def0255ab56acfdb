import { createHash } from "node:crypto";

import type { SharedConfig } from "../config/SharedConfig.js";
import { pythonJsonDumps } from "../files/pythonJsonDumps.js";
import type { LoginSession } from "./LoginSession.js";

/**
 * The AWS CLI's cache files of role credentials got with this session: for each profile using it,
 * `<sha1 of json.dumps({"accountId", "roleName", "sessionName"}, sort_keys=True, separators=(",", ":"))>.json`
 * (`startUrl` instead of `sessionName` for legacy profiles), botocore `SSOCredentialFetcher._create_cache_key`.
 */
export function roleCredentialCacheNames(session: LoginSession, config: SharedConfig): string[] {
  const names = new Set<string>();
  for (const section of config.profiles.values()) {
    const accountId = text(section, "sso_account_id");
    const roleName = text(section, "sso_role_name");
    if (accountId === undefined || roleName === undefined) continue;
    const sessionName = text(section, "sso_session");
    let args: Record<string, string>;
    if (session.ssoSession !== undefined) {
      if (sessionName !== session.ssoSession) continue;
      args = { accountId, roleName, sessionName };
    } else {
      if (sessionName !== undefined || text(section, "sso_start_url") !== session.startUrl) continue;
      args = { accountId, roleName, startUrl: session.startUrl };
    }
    names.add(`${createHash("sha1").update(pythonJsonDumps(args, "compact"), "utf8").digest("hex")}.json`);
  }
  return [...names];
}

function text(section: ReadonlyMap<string, unknown>, key: string): string | undefined {
  const value = section.get(key);
  return typeof value === "string" && value !== "" ? value : undefined;
}
