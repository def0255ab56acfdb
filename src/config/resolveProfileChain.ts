import type { CallerWords } from "../errors/CallerWords.js";
import { ChainRootNotSsoError } from "../errors/ChainRootNotSsoError.js";
import { CredentialSourceNotSupportedError } from "../errors/CredentialSourceNotSupportedError.js";
import { InvalidSsoConfigError } from "../errors/InvalidSsoConfigError.js";
import { ProfileChainCycleError } from "../errors/ProfileChainCycleError.js";
import { SourceProfileNotFoundError } from "../errors/SourceProfileNotFoundError.js";
import type { AssumeRoleHop, ProfileChain } from "./ProfileChain.js";
import { ownCredentialProcess } from "./ownCredentialProcess.js";
import { isSsoProfileSection, resolveSsoProfile, type SsoProfileOverrides } from "./resolveSsoProfile.js";
import type { ConfigSection, SharedConfig } from "./SharedConfig.js";

/** Whether a profile assumes a role from another profile's credentials (`role_arn`), as the SDKs decide it. */
export function isRoleProfileSection(section: ConfigSection): boolean {
  return text(section, "role_arn") !== undefined;
}

/**
 * The chain behind a profile: an SSO profile as it is, or a profile with `role_arn` and
 * `source_profile`, followed to any depth down to the SSO profile it starts from. The SSO overrides
 * (the `ssoSession`... options) apply to that root.
 *
 * As in the AWS SDKs, `role_arn` makes a profile a role profile even if it has `sso_*` settings too,
 * and a source profile with static keys is a static-key profile. Typed errors for a cycle, a
 * missing source profile, `credential_source` or a web identity, and a chain whose root is not SSO.
 */
export function resolveProfileChain(
  profileName: string,
  overrides: SsoProfileOverrides,
  config: SharedConfig,
  configPath: string,
  words?: CallerWords,
): ProfileChain {
  const top = config.profiles.get(profileName);
  if (top === undefined || !isRoleProfileSection(top)) {
    const root = resolveSsoProfile(profileName, overrides, config, configPath, words);
    return { profileName, region: root.region, root, hops: [] };
  }
  const hops: AssumeRoleHop[] = [];
  const visited: string[] = [];
  let name = profileName;
  let section: ConfigSection = top;
  for (;;) {
    visited.push(name);
    const credentialSource = text(section, "credential_source");
    if (credentialSource !== undefined) {
      throw new CredentialSourceNotSupportedError({ profile: name, field: "credential_source", value: credentialSource, path: configPath, words });
    }
    const sourceProfile = text(section, "source_profile");
    if (sourceProfile === undefined) {
      const tokenFile = text(section, "web_identity_token_file");
      if (tokenFile !== undefined) {
        throw new CredentialSourceNotSupportedError({ profile: name, field: "web_identity_token_file", value: tokenFile, path: configPath, words });
      }
      throw new SourceProfileNotFoundError({ profile: name, sourceProfile: undefined, path: configPath });
    }
    hops.unshift(hop(name, section, configPath));
    if (visited.includes(sourceProfile)) {
      throw new ProfileChainCycleError({ profile: profileName, chain: [...visited, sourceProfile], path: configPath });
    }
    const source = config.profiles.get(sourceProfile);
    if (source === undefined) throw new SourceProfileNotFoundError({ profile: name, sourceProfile, path: configPath });
    // The SDKs take a source profile's static keys before anything else, role_arn included.
    if (text(source, "aws_access_key_id") !== undefined) {
      throw new ChainRootNotSsoError({ profile: profileName, root: sourceProfile, reason: "has static keys (aws_access_key_id)", path: configPath, words });
    }
    name = sourceProfile;
    section = source;
    if (isRoleProfileSection(section)) continue;
    const hasOverride = overrides.ssoSession !== undefined || overrides.ssoStartUrl !== undefined;
    if (!isSsoProfileSection(section) && !hasOverride) {
      const command = text(section, "credential_process");
      const reason = command !== undefined ? "uses credential_process" : "sets neither sso_session nor sso_start_url";
      const own = command === undefined ? undefined : ownCredentialProcess(command);
      throw new ChainRootNotSsoError({ profile: profileName, root: name, reason, path: configPath, ownCredentialProcess: own, words });
    }
    const root = resolveSsoProfile(name, overrides, config, configPath, words);
    return { profileName, region: text(top, "region"), root, hops };
  }
}

function hop(profileName: string, section: ConfigSection, configPath: string): AssumeRoleHop {
  const source = `[profile ${profileName}] in ${configPath}`;
  const durationText = text(section, "duration_seconds");
  let durationSeconds: number | undefined;
  if (durationText !== undefined) {
    durationSeconds = /^\d{1,9}$/.test(durationText) ? Number(durationText) : Number.NaN;
    if (!Number.isSafeInteger(durationSeconds)) {
      throw new InvalidSsoConfigError({
        field: "duration_seconds",
        source,
        problem: `is ${JSON.stringify(durationText)}, which is not a whole number of seconds`,
        fix: 'Set it to the session length in seconds, from 900 to 43200, for example "duration_seconds = 3600", or remove it (3600).',
      });
    }
  }
  const region = text(section, "region");
  if (region !== undefined && !/^[a-z0-9-]+$/.test(region)) {
    // The region becomes part of the STS host name: anything else could point the call elsewhere.
    throw new InvalidSsoConfigError({
      field: "region",
      source,
      problem: `is ${JSON.stringify(region)}, which is not an AWS region`,
      fix: 'Set it to the region for the role\'s STS calls, for example "region = us-east-1".',
    });
  }
  return {
    profileName,
    roleArn: text(section, "role_arn") as string,
    roleSessionName: text(section, "role_session_name"),
    externalId: text(section, "external_id"),
    mfaSerial: text(section, "mfa_serial"),
    durationSeconds,
    region,
    source,
  };
}

function text(section: ConfigSection, key: string): string | undefined {
  const value = section.get(key);
  return typeof value === "string" && value !== "" ? value : undefined;
}
