/**
 * The sub-properties of one property: `s3 =` followed by indented `name = value` lines.
 * Names and values are kept as written (trimmed); a sub-property named twice keeps its last value.
 */
export type SubProperties = ReadonlyMap<string, string>;

/** A property's value: a string (continuation lines joined with "\n"), or its sub-properties. */
export type PropertyValue = string | SubProperties;

/** The properties of one profile or sso-session, by lower-cased property name. */
export type ConfigSection = ReadonlyMap<string, PropertyValue>;

/**
 * The profiles and `[sso-session NAME]` sections of the shared config and credentials files.
 * Maps rather than objects, so a profile named `__proto__` or `constructor` is just a name.
 */
export interface SharedConfig {
  /** By profile name: `[profile NAME]` and `[default]` of the config file, `[NAME]` of the credentials file. */
  readonly profiles: ReadonlyMap<string, ConfigSection>;
  /** By session name: `[sso-session NAME]` of the config file. */
  readonly ssoSessions: ReadonlyMap<string, ConfigSection>;
  /**
   * What `loadSharedConfig` saw of the config file, for the advice of a "profile not found": whether it
   * exists, and the `[NAME]` sections it has without the `profile ` prefix (which the format ignores).
   * Absent for a config made otherwise.
   */
  readonly configFile?: { readonly exists: boolean; readonly unprefixedSections: readonly string[] };
}
