/** A setting an error may tell the caller to change, by the library's option name. */
export type SettingName =
  | "profile"
  | "configFilepath"
  | "filepath"
  | "cacheDir"
  | "homeDir"
  | "requestTimeoutMs"
  /** The login's flow: the device code one is what works where a browser cannot reach 127.0.0.1. */
  | "flow"
  | "redirectPort";

/**
 * How the caller names its settings, so that an error says what to change in the caller's own words:
 * the library speaks of options (`the \`profile\` option`), the CLI of flags (`--profile`).
 */
export interface CallerWords {
  /** How the caller sets `name`, as a phrase that fits "…, or set …". */
  setting(name: SettingName): string;
  /**
   * How the caller gives `name` the value `value`, as a phrase that fits "Pass … instead": `--profile dev`
   * for the CLI, `` `profile: "dev"` `` for the library. Optional: {@link settingWithValue} has a default.
   */
  settingWithValue?(name: SettingName, value: string): string;
  /**
   * What handles a profile this package does not (a role chain that starts at static keys...), as a phrase
   * that fits "Use … for it". Optional: {@link otherProfileProvider} gives the library's answer, `fromIni`.
   */
  otherProfileProvider?(profile: string): string;
}

/** The library's words: its option names. */
export const libraryWords: CallerWords = Object.freeze({
  setting: (name: SettingName) => `the \`${name}\` option`,
  settingWithValue: (name: SettingName, value: string) => `\`${name}: ${JSON.stringify(value)}\``,
});

/** `words.otherProfileProvider(profile)`, or the library's: `fromIni` of @aws-sdk/credential-providers. */
export function otherProfileProvider(words: CallerWords, profile: string): string {
  return words.otherProfileProvider?.(profile) ?? `fromIni({ profile: ${JSON.stringify(profile)} }) of @aws-sdk/credential-providers`;
}

/** `words.settingWithValue(name, value)`, or, for words without one, `<setting> = "<value>"`. */
export function settingWithValue(words: CallerWords, name: SettingName, value: string): string {
  return words.settingWithValue?.(name, value) ?? `${words.setting(name)} = ${JSON.stringify(value)}`;
}
