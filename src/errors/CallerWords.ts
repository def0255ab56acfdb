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
}

/** The library's words: its option names. */
export const libraryWords: CallerWords = Object.freeze({
  setting: (name: SettingName) => `the \`${name}\` option`,
});
