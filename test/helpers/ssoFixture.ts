import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { tokenCacheFilePath } from "../../src/token/tokenCacheFilePath.js";
import type { IssuedSession } from "../emulator/IssuedSession.js";

export const ACCOUNT_ID = "111122223333";
export const ROLE_NAME = "ReadOnly";
export const SSO_REGION = "us-east-1";

/** A temporary home with `.aws/config` and `.aws/sso/cache`, removed by `cleanup`. */
export interface SsoFixture {
  home: string;
  configPath: string;
  cacheDir: string;
  cleanup(): Promise<void>;
}

export async function makeSsoFixture(configText: string): Promise<SsoFixture> {
  const home = await mkdtemp(join(tmpdir(), "sso-test-"));
  const configPath = join(home, ".aws", "config");
  const cacheDir = join(home, ".aws", "sso", "cache");
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  await writeFile(configPath, configText);
  return { home, configPath, cacheDir, cleanup: () => rm(home, { recursive: true, force: true }) };
}

export interface SessionProfileConfig {
  profile?: string;
  session?: string;
  startUrl: string;
  ssoRegion?: string;
  accountId?: string;
  roleName?: string;
  region?: string;
}

/** A profile in the `sso_session` form, with its `[sso-session]` section. */
export function sessionProfileConfig(options: SessionProfileConfig): string {
  const profile = options.profile ?? "dev";
  const session = options.session ?? "my-sso";
  return [
    `[profile ${profile}]`,
    `sso_session = ${session}`,
    `sso_account_id = ${options.accountId ?? ACCOUNT_ID}`,
    `sso_role_name = ${options.roleName ?? ROLE_NAME}`,
    ...(options.region ? [`region = ${options.region}`] : []),
    "",
    `[sso-session ${session}]`,
    `sso_start_url = ${options.startUrl}`,
    `sso_region = ${options.ssoRegion ?? SSO_REGION}`,
    "sso_registration_scopes = sso:account:access",
    "",
  ].join("\n");
}

/** A profile in the legacy form: everything in the profile, no refresh. */
export function legacyProfileConfig(options: Omit<SessionProfileConfig, "session">): string {
  return [
    `[profile ${options.profile ?? "legacy"}]`,
    `sso_start_url = ${options.startUrl}`,
    `sso_region = ${options.ssoRegion ?? SSO_REGION}`,
    `sso_account_id = ${options.accountId ?? ACCOUNT_ID}`,
    `sso_role_name = ${options.roleName ?? ROLE_NAME}`,
    "",
  ].join("\n");
}

/** The AWS CLI's cache file for a session, as `aws sso login` leaves it. Returns its path. */
export async function writeCachedToken(
  cacheDir: string,
  key: string,
  session: IssuedSession,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const path = tokenCacheFilePath(cacheDir, key);
  const record = {
    startUrl: session.startUrl,
    region: SSO_REGION,
    accessToken: session.accessToken,
    expiresAt: session.expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    clientId: session.clientId,
    clientSecret: session.clientSecret,
    registrationExpiresAt: session.registrationExpiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    refreshToken: session.refreshToken,
    ...overrides,
  };
  await writeFile(path, JSON.stringify(record), { mode: 0o600 });
  return path;
}

/** A logger that keeps every line, by level. */
export function recordingLogger(): {
  lines: { level: string; message: string }[];
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
} {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (...args: unknown[]) => {
    lines.push({ level, message: args.map(String).join(" ") });
  };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
