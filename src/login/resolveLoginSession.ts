import type { SharedConfig } from "../config/SharedConfig.js";
import { isRoleProfileSection, resolveProfileChain } from "../config/resolveProfileChain.js";
import { notSsoProfileError, profileNotFoundError } from "../config/resolveSsoProfile.js";
import { validateSsoRegion, validateStartUrl } from "../config/validateSsoValues.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { MissingSsoFieldError } from "../errors/MissingSsoFieldError.js";
import { SsoSessionNotFoundError } from "../errors/SsoSessionNotFoundError.js";
import type { LoginSession } from "./LoginSession.js";

export interface ResolveLoginSessionOptions {
  /** Wins over `profile`, as `aws sso login --sso-session` does. */
  ssoSession?: string | undefined;
  profile: string;
  config: SharedConfig;
  configPath: string;
  words?: CallerWords;
}

/**
 * The session a login is for, as the AWS CLI v2 finds it (`BaseSSOCommand._get_sso_config`): the
 * `[sso-session]` named by `ssoSession`, else the profile's `sso_session`, else the profile's own
 * `sso_start_url` and `sso_region` (a legacy profile). Only the start URL and region are needed: a
 * session can be logged in to before any profile names an account and role.
 */
export function resolveLoginSession(options: ResolveLoginSessionOptions): LoginSession {
  const { config, configPath, profile } = options;
  if (options.ssoSession !== undefined) return sessionSection(options.ssoSession, undefined, config, configPath);
  const section = config.profiles.get(profile);
  if (section === undefined) throw profileNotFoundError(profile, config, configPath, options.words);
  // A profile that chains from SSO (role_arn + source_profile) logs in with the SSO profile at its root.
  if (isRoleProfileSection(section)) {
    const root = resolveProfileChain(profile, {}, config, configPath, options.words).root.profileName;
    if (root !== undefined && root !== profile) return resolveLoginSession({ ...options, profile: root });
  }
  const sessionName = text(section, "sso_session");
  if (sessionName !== undefined) return sessionSection(sessionName, profile, config, configPath);
  if (text(section, "sso_start_url") === undefined) throw notSsoProfileError(profile, section, config, configPath, options.words);
  const sectionName = `profile ${profile}`;
  const source = `[${sectionName}] in ${configPath}`;
  const startUrl = required(section, "sso_start_url", sectionName, configPath);
  const ssoRegion = required(section, "sso_region", sectionName, configPath);
  validateStartUrl(startUrl, "sso_start_url", source);
  validateSsoRegion(ssoRegion, "sso_region", source);
  return {
    target: { profile },
    ssoSession: undefined,
    profile,
    startUrl,
    ssoRegion,
    registrationScopes: undefined,
    cacheKey: startUrl,
    source,
  };
}

function sessionSection(name: string, profile: string | undefined, config: SharedConfig, configPath: string): LoginSession {
  const section = config.ssoSessions.get(name);
  if (section === undefined) throw new SsoSessionNotFoundError({ profile, ssoSession: name, path: configPath });
  const sectionName = `sso-session ${name}`;
  const source = `[${sectionName}] in ${configPath}`;
  const startUrl = required(section, "sso_start_url", sectionName, configPath);
  const ssoRegion = required(section, "sso_region", sectionName, configPath);
  validateStartUrl(startUrl, "sso_start_url", source);
  validateSsoRegion(ssoRegion, "sso_region", source);
  const rawScopes = section.get("sso_registration_scopes");
  return {
    target: { profile, ssoSession: name },
    ssoSession: name,
    profile,
    startUrl,
    ssoRegion,
    // As botocore's parse_sso_registration_scopes: split on commas, blanks dropped; absent stays absent.
    registrationScopes: typeof rawScopes === "string" ? rawScopes.split(",").map((scope) => scope.trim()).filter(Boolean) : undefined,
    cacheKey: name,
    source,
  };
}

function text(section: ReadonlyMap<string, unknown>, key: string): string | undefined {
  const value = section.get(key);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function required(section: ReadonlyMap<string, unknown>, key: string, sectionName: string, path: string): string {
  const value = text(section, key);
  if (value === undefined) throw new MissingSsoFieldError({ field: key, section: sectionName, path });
  return value;
}
