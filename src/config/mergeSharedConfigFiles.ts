import type { ConfigSection, PropertyValue, SharedConfig } from "./SharedConfig.js";

/**
 * The profile set the SDKs work with: the config file's profiles and the credentials file's, merged
 * property by property. A profile in both files has the properties of both; a property in both files
 * takes the credentials file's value.
 *
 * The `[default]` / `[profile default]` rule is a rule within one file and `parseSharedConfigFile`
 * has already applied it: a config file's `[default]` counts only when that file has no
 * `[profile default]`; the credentials file's `[default]` always merges into the result.
 * sso-sessions come from the config file only. Neither input is modified.
 */
export function mergeSharedConfigFiles(config: SharedConfig, credentials: SharedConfig): SharedConfig {
  const profiles = new Map<string, ConfigSection>();
  for (const [name, section] of config.profiles) profiles.set(name, section);
  for (const [name, section] of credentials.profiles) {
    const base = profiles.get(name);
    profiles.set(name, base === undefined ? section : new Map<string, PropertyValue>([...base, ...section]));
  }
  return { profiles, ssoSessions: config.ssoSessions };
}
