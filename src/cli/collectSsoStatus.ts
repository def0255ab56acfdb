import { join } from "node:path";

import type { ConfigSection } from "../config/SharedConfig.js";
import type { ProfileChain } from "../config/ProfileChain.js";
import { loadSharedConfig } from "../config/loadSharedConfig.js";
import { resolveHomeDir } from "../config/resolveHomeDir.js";
import { isRoleProfileSection, resolveProfileChain } from "../config/resolveProfileChain.js";
import { isSsoProfileSection } from "../config/resolveSsoProfile.js";
import { ChainRootNotSsoError } from "../errors/ChainRootNotSsoError.js";
import { CredentialSourceNotSupportedError } from "../errors/CredentialSourceNotSupportedError.js";
import { SsoConfigError } from "../errors/SsoConfigError.js";
import { SsoTokenCacheError } from "../errors/SsoTokenCacheError.js";
import { loginCommands, type LoginCommands } from "../errors/loginFixCommand.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { assessToken, type RefreshBlocker } from "../token/assessToken.js";
import type { CachedSsoToken } from "../token/CachedSsoToken.js";
import { readTokenFile } from "../token/readTokenFile.js";
import { RejectedRefreshRecord } from "../token/RejectedRefreshRecord.js";
import { tokenCacheFilePath } from "../token/tokenCacheFilePath.js";
import { cliWords } from "./cliWords.js";
import { sdkNodeSupportNotice } from "./sdkNodeSupportNotice.js";
import type { ProfileStatus, SessionStatus, SsoStatusReport } from "./SsoStatusReport.js";

export interface CollectSsoStatusOptions {
  /** Only this profile (and its session); a profile that is missing or broken is then an error. */
  profile?: string;
  /** `AWS_CONFIG_FILE`, `HOME`... */
  env: Readonly<Record<string, string | undefined>>;
  /** Default `Date.now`. */
  now?: () => number;
  /** Default `process.versions.node`. */
  nodeVersion?: string;
}

interface SessionKey {
  ssoSession: string | undefined;
  startUrl: string | undefined;
  ssoRegion: string | undefined;
  cacheKey: string;
  target: LoginTarget;
}

/**
 * The SSO profiles of the shared config (and the profiles that assume a role from one) and the state
 * of their cached tokens. Reads files only:
 * no refresh, no network, and nothing in the result is a token or a secret.
 */
export async function collectSsoStatus(options: CollectSsoStatusOptions): Promise<SsoStatusReport> {
  const nowMs = (options.now ?? Date.now)();
  const { env } = options;
  const { configPath, configExists, config } = await loadSharedConfig({ env, words: cliWords });
  const cacheDir = join(resolveHomeDir({ env, words: cliWords }), ".aws", "sso", "cache");

  const profiles: ProfileStatus[] = [];
  const sessions = new Map<string, { key: SessionKey; profiles: string[] }>();
  const addSession = (key: SessionKey, profile: string | undefined): void => {
    const id = `${key.ssoSession === undefined ? "url" : "session"}:${key.cacheKey}`;
    let entry = sessions.get(id);
    if (entry === undefined) {
      entry = { key, profiles: [] };
      sessions.set(id, entry);
    }
    if (profile !== undefined) entry.profiles.push(profile);
  };

  const names =
    options.profile !== undefined
      ? [options.profile]
      : [...config.profiles].filter(([, section]) => isSsoProfileSection(section) || isRoleProfileSection(section)).map(([name]) => name);
  for (const name of names) {
    let chain: ProfileChain;
    try {
      chain = resolveProfileChain(name, {}, config, configPath, cliWords);
    } catch (error) {
      if (options.profile !== undefined || !(error instanceof SsoConfigError)) throw error;
      // A role chain that does not start from SSO is not ours to show.
      if (error instanceof ChainRootNotSsoError || error instanceof CredentialSourceNotSupportedError) continue;
      profiles.push(brokenProfile(name, config.profiles.get(name), error));
      continue;
    }
    const resolved = chain.root;
    const role = chain.hops.at(-1)?.roleArn;
    profiles.push({
      profile: name,
      roleArn: role ?? null,
      via: chain.hops.length === 0 ? [] : [...chain.hops.slice(0, -1).map((hop) => hop.profileName).reverse(), resolved.profileName ?? "?"],
      ssoSession: resolved.ssoSession ?? null,
      startUrl: resolved.startUrl,
      ssoRegion: resolved.ssoRegion,
      accountId: role === undefined ? resolved.accountId : (role.split(":")[4] ?? null),
      roleName: role === undefined ? resolved.roleName : (role.split("/").at(-1) ?? null),
      region: chain.region ?? null,
      error: null,
    });
    addSession(
      {
        ssoSession: resolved.ssoSession,
        startUrl: resolved.startUrl,
        ssoRegion: resolved.ssoRegion,
        cacheKey: resolved.cacheKey,
        target: { profile: name, ssoSession: resolved.ssoSession },
      },
      name,
    );
  }
  if (options.profile === undefined) {
    // Sessions no profile uses yet: `aws sso login --sso-session` works for them too.
    for (const [name, section] of config.ssoSessions) {
      addSession(
        {
          ssoSession: name,
          startUrl: text(section, "sso_start_url"),
          ssoRegion: text(section, "sso_region"),
          cacheKey: name,
          target: { ssoSession: name },
        },
        undefined,
      );
    }
  }

  const sessionStatuses: SessionStatus[] = [];
  for (const { key, profiles: users } of sessions.values()) {
    sessionStatuses.push(await sessionStatus(key, users, tokenCacheFilePath(cacheDir, key.cacheKey), nowMs));
  }
  const nodeSupport = sdkNodeSupportNotice(options.nodeVersion ?? process.versions.node, nowMs) ?? null;
  return {
    checkedAt: new Date(nowMs).toISOString(),
    configFile: configPath,
    configFileExists: configExists,
    cacheDir,
    sessions: sessionStatuses,
    profiles,
    nodeSupport,
  };
}

async function sessionStatus(key: SessionKey, profiles: string[], path: string, nowMs: number): Promise<SessionStatus> {
  const base = {
    ssoSession: key.ssoSession ?? null,
    startUrl: key.startUrl ?? null,
    ssoRegion: key.ssoRegion ?? null,
    cacheFile: path,
    ...loginFields(key),
    profiles,
  };
  let token: CachedSsoToken | undefined;
  try {
    token = await readTokenFile(path, key.target);
  } catch (error) {
    if (!(error instanceof SsoTokenCacheError)) throw error;
    return {
      ...base,
      token: "unusable",
      expiresAt: null,
      expiresInSeconds: null,
      canRefresh: false,
      refreshBlocker: "unusable cache file",
      registrationExpiresAt: null,
      needsLogin: true,
      problem: error.message,
    };
  }
  if (token === undefined) {
    return {
      ...base,
      token: "missing",
      expiresAt: null,
      expiresInSeconds: null,
      canRefresh: false,
      refreshBlocker: "not logged in",
      registrationExpiresAt: null,
      needsLogin: true,
      problem: null,
    };
  }
  const rejected = await RejectedRefreshRecord.read(path);
  const state = assessToken(token, {
    refreshable: key.ssoSession !== undefined,
    // status reports validity, not the refresh window
    refreshWindowMs: 0,
    nowMs,
    refreshRejected: rejected?.matches(token) ?? false,
  });
  const refreshBlocker = state.blocker === undefined ? undefined : BLOCKER_TEXT[state.blocker];
  const expired = state.expired;
  return {
    ...base,
    token: expired ? "expired" : "valid",
    expiresAt: token.expiresAt.toISOString(),
    expiresInSeconds: Math.floor((token.expiresAt.getTime() - nowMs) / 1000),
    canRefresh: refreshBlocker === undefined,
    refreshBlocker: refreshBlocker ?? null,
    registrationExpiresAt: token.registrationExpiresAt?.toISOString() ?? null,
    needsLogin: expired && refreshBlocker !== undefined,
    problem: null,
  };
}

/**
 * Who can log in and how: our command and the AWS CLI v2's, with the same scope, and the flows a login
 * may use (a browser with PKCE for a session, the device code everywhere; legacy profiles: device code only).
 */
function loginFields(key: SessionKey): Pick<SessionStatus, "loginCommand" | "awsCliLoginCommand" | "loginFlows"> {
  const commands: LoginCommands = loginCommands(key.target);
  return {
    loginCommand: commands.ours,
    awsCliLoginCommand: commands.awsCli,
    loginFlows: key.ssoSession === undefined ? ["device"] : ["pkce", "device"],
  };
}

/** Short: they fill a table column. The rule itself is `assessToken`, the provider's own. */
const BLOCKER_TEXT: Readonly<Record<RefreshBlocker, string>> = {
  "legacy-profile": "legacy profile",
  "no-refresh-token": "no refresh token",
  "registration-expired": "client registration expired",
  "refresh-rejected": "session ended (refresh refused)",
};

function brokenProfile(name: string, section: ConfigSection | undefined, error: Error): ProfileStatus {
  const get = (field: string): string | null => (section === undefined ? null : (text(section, field) ?? null));
  return {
    profile: name,
    roleArn: get("role_arn"),
    via: [],
    ssoSession: get("sso_session"),
    startUrl: get("sso_start_url"),
    ssoRegion: get("sso_region"),
    accountId: get("sso_account_id"),
    roleName: get("sso_role_name"),
    region: get("region"),
    error: error.message,
  };
}

function text(section: ConfigSection, field: string): string | undefined {
  const value = section.get(field);
  return typeof value === "string" && value !== "" ? value : undefined;
}
