import type { CallerWords } from "../errors/CallerWords.js";
import { ConflictingSsoConfigError } from "../errors/ConflictingSsoConfigError.js";
import { MissingSsoFieldError } from "../errors/MissingSsoFieldError.js";
import { NotSsoProfileError } from "../errors/NotSsoProfileError.js";
import { ProfileNotFoundError } from "../errors/ProfileNotFoundError.js";
import { SsoSessionNotFoundError } from "../errors/SsoSessionNotFoundError.js";
import { ownCredentialProcess } from "./ownCredentialProcess.js";
import type { ConfigSection, SharedConfig } from "./SharedConfig.js";
import type { SsoProfile } from "./SsoProfile.js";
import { validateSsoRegion, validateStartUrl } from "./validateSsoValues.js";

/** The options of `fromSSO` that describe an SSO account and role; each one wins over the profile's value. */
export interface SsoProfileOverrides {
  ssoSession?: string;
  ssoStartUrl?: string;
  ssoAccountId?: string;
  ssoRegion?: string;
  ssoRoleName?: string;
}

type Section = ConfigSection;

const SSO_PROFILE_KEYS = ["sso_session", "sso_start_url", "sso_account_id", "sso_region", "sso_role_name"];

/** Whether a profile section configures SSO at all (the AWS SDKs' test: any `sso_*` key). */
export function isSsoProfileSection(section: Section): boolean {
  return SSO_PROFILE_KEYS.some((key) => typeof section.get(key) === "string");
}

/**
 * Turns a profile (legacy or `sso_session` form) into a validated {@link SsoProfile},
 * as the AWS CLI reads it: the session's start URL and region, the profile's account and role.
 * A profile that repeats the start URL or region of its session must repeat them exactly.
 */
export function resolveSsoProfile(
  profileName: string,
  overrides: SsoProfileOverrides,
  config: SharedConfig,
  configPath: string,
  words?: CallerWords,
): SsoProfile {
  const profile = config.profiles.get(profileName);
  if (profile === undefined) throw profileNotFoundError(profileName, config, configPath, words);
  const hasOverride = overrides.ssoSession !== undefined || overrides.ssoStartUrl !== undefined;
  if (!isSsoProfileSection(profile) && !hasOverride) throw notSsoProfileError(profileName, profile, config, configPath, words);

  const profileSection = `profile ${profileName}`;
  const source = `[${profileSection}] in ${configPath}`;
  const ssoSession = overrides.ssoSession ?? stringValue(profile, "sso_session");

  let startUrl: string;
  let ssoRegion: string;
  if (ssoSession !== undefined) {
    const session = config.ssoSessions.get(ssoSession);
    if (session === undefined) throw new SsoSessionNotFoundError({ profile: profileName, ssoSession, path: configPath });
    const sessionSection = `sso-session ${ssoSession}`;
    startUrl = required(session, "sso_start_url", sessionSection, configPath);
    ssoRegion = required(session, "sso_region", sessionSection, configPath);
    for (const [field, value] of [
      ["sso_start_url", overrides.ssoStartUrl ?? stringValue(profile, "sso_start_url")],
      ["sso_region", overrides.ssoRegion ?? stringValue(profile, "sso_region")],
    ] as const) {
      const sessionValue = field === "sso_start_url" ? startUrl : ssoRegion;
      if (value !== undefined && value !== sessionValue) {
        throw new ConflictingSsoConfigError({ profile: profileName, ssoSession, field, profileValue: value, sessionValue, path: configPath });
      }
    }
    validateStartUrl(startUrl, "sso_start_url", `[${sessionSection}] in ${configPath}`);
    validateSsoRegion(ssoRegion, "sso_region", `[${sessionSection}] in ${configPath}`);
  } else {
    startUrl = overrides.ssoStartUrl ?? required(profile, "sso_start_url", profileSection, configPath);
    ssoRegion = overrides.ssoRegion ?? required(profile, "sso_region", profileSection, configPath);
    validateStartUrl(startUrl, "sso_start_url", source);
    validateSsoRegion(ssoRegion, "sso_region", source);
  }

  return {
    profileName,
    ssoSession,
    startUrl,
    ssoRegion,
    accountId: overrides.ssoAccountId ?? required(profile, "sso_account_id", profileSection, configPath),
    roleName: overrides.ssoRoleName ?? required(profile, "sso_role_name", profileSection, configPath),
    region: stringValue(profile, "region"),
    cacheKey: ssoSession ?? startUrl,
    source,
  };
}

/**
 * The error for a profile the config does not have, with what the config file says about it: that the
 * file does not exist at all, or that it has a `[NAME]` section the format does not read as a profile.
 */
export function profileNotFoundError(profileName: string, config: SharedConfig, configPath: string, words?: CallerWords): ProfileNotFoundError {
  return new ProfileNotFoundError({
    profile: profileName,
    path: configPath,
    ssoProfiles: ssoProfileNames(config),
    configFileExists: config.configFile?.exists,
    unprefixedSection: config.configFile?.unprefixedSections.includes(profileName),
    words,
  });
}

/** The error for a profile that is not an SSO profile, saying so differently when it is the one that runs aws-sso-creds. */
export function notSsoProfileError(profileName: string, profile: Section, config: SharedConfig, configPath: string, words?: CallerWords): NotSsoProfileError {
  const command = stringValue(profile, "credential_process");
  return new NotSsoProfileError({
    profile: profileName,
    path: configPath,
    ownCredentialProcess: command === undefined ? undefined : ownCredentialProcess(command),
    ssoProfiles: ssoProfileNames(config),
    words,
  });
}

function ssoProfileNames(config: SharedConfig): string[] {
  return [...config.profiles].filter(([, section]) => isSsoProfileSection(section)).map(([name]) => name);
}

/**
 * The options alone, when they name all four of start URL, region, account and role
 * (as the SDK's `fromSSO` allows): no config file is read.
 */
export function ssoProfileFromOverrides(overrides: SsoProfileOverrides): SsoProfile | undefined {
  const { ssoStartUrl, ssoRegion, ssoAccountId, ssoRoleName, ssoSession } = overrides;
  if (ssoStartUrl === undefined || ssoRegion === undefined || ssoAccountId === undefined || ssoRoleName === undefined) {
    return undefined;
  }
  const source = "the fromSSO options";
  validateStartUrl(ssoStartUrl, "ssoStartUrl", source);
  validateSsoRegion(ssoRegion, "ssoRegion", source);
  return {
    profileName: undefined,
    ssoSession,
    startUrl: ssoStartUrl,
    ssoRegion,
    accountId: ssoAccountId,
    roleName: ssoRoleName,
    region: undefined,
    cacheKey: ssoSession ?? ssoStartUrl,
    source,
  };
}

function stringValue(section: Section, key: string): string | undefined {
  const value = section.get(key);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function required(section: Section, key: string, sectionName: string, path: string): string {
  const value = stringValue(section, key);
  if (value === undefined) throw new MissingSsoFieldError({ field: key, section: sectionName, path });
  return value;
}
