import type { SharedConfig } from "../config/SharedConfig.js";
import { describeLoginTarget } from "../errors/describeLoginTarget.js";
import type { AccountRoles } from "../login/AccountRoles.js";
import type { LoginSession } from "../login/LoginSession.js";

export interface RenderProfileSectionsOptions {
  session: LoginSession;
  accounts: readonly AccountRoles[];
  /** The config the sections are for: names it has are not reused, and roles a profile already has are skipped. */
  config: SharedConfig;
  configPath: string;
}

/**
 * `list --config`: a `[profile …]` section per account and role, ready to append to the config file,
 * using the session (`sso_session = S`; a legacy profile's start URL and region otherwise). Names are
 * `<account name>-<role>`, accents dropped, lower-cased, every run of other characters than letters, digits, `_`, `.`
 * and `-` (and every run of `-`) made one `-`; a name the config (or an earlier section) has gets the account id, then a number.
 * An account and role a profile of the config already uses for this session is left out, with a comment.
 */
export function renderProfileSections(options: RenderProfileSectionsOptions): string {
  const { session, accounts, config, configPath } = options;
  const existing = new Map<string, string>();
  for (const [name, section] of config.profiles) {
    const sessionName = text(section, "sso_session");
    const sameSession = session.ssoSession !== undefined ? sessionName === session.ssoSession : sessionName === undefined && text(section, "sso_start_url") === session.startUrl;
    const accountId = text(section, "sso_account_id");
    const roleName = text(section, "sso_role_name");
    if (sameSession && accountId !== undefined && roleName !== undefined && !existing.has(`${accountId}/${roleName}`)) existing.set(`${accountId}/${roleName}`, name);
  }
  const taken = new Set(config.profiles.keys());
  const scope = session.ssoSession === undefined ? `--profile ${session.profile ?? "default"}` : `--sso-session ${session.ssoSession}`;
  const out = [
    `# Profiles for the accounts and roles of ${describeLoginTarget(session.target)} (${session.startUrl}).`,
    `# To add them: aws-sso-creds list ${scope} --config >> ${configPath}`,
  ];
  for (const account of accounts) {
    for (const roleName of account.roles) {
      const already = existing.get(`${account.accountId}/${roleName}`);
      if (already !== undefined) {
        out.push("", `# ${roleName} in ${account.accountId} (${account.accountName ?? "no name"}) is already [profile ${already}]`);
        continue;
      }
      const name = freeName(sanitize(`${account.accountName ?? account.accountId}-${roleName}`) || account.accountId, account.accountId, taken);
      taken.add(name);
      out.push("", `[profile ${name}]`);
      if (session.ssoSession !== undefined) out.push(`sso_session = ${session.ssoSession}`);
      else out.push(`sso_start_url = ${session.startUrl}`, `sso_region = ${session.ssoRegion}`);
      out.push(`sso_account_id = ${account.accountId}`, `sso_role_name = ${roleName}`);
    }
  }
  return `${out.join("\n")}\n`;
}

function sanitize(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|-+$/g, "");
}

function freeName(base: string, accountId: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const withAccount = `${base}-${accountId}`;
  if (!taken.has(withAccount)) return withAccount;
  for (let n = 2; ; n++) if (!taken.has(`${withAccount}-${n}`)) return `${withAccount}-${n}`;
}

function text(section: ReadonlyMap<string, unknown>, key: string): string | undefined {
  const value = section.get(key);
  return typeof value === "string" && value !== "" ? value : undefined;
}
