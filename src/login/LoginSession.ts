import type { LoginTarget } from "../errors/LoginTarget.js";

/** What a login (or logout, or list) is for: an `[sso-session]`, or the start URL of a legacy profile. */
export interface LoginSession {
  /** Names the session (or the legacy profile) in messages and login commands. */
  readonly target: LoginTarget;
  /** The `[sso-session NAME]`; undefined for a legacy profile (`sso_start_url` in the profile). */
  readonly ssoSession: string | undefined;
  /** The profile the session was found through; undefined with `--sso-session`. */
  readonly profile: string | undefined;
  readonly startUrl: string;
  readonly ssoRegion: string;
  /** `sso_registration_scopes`, split on commas; undefined when the session does not set it (legacy profiles never do). */
  readonly registrationScopes: readonly string[] | undefined;
  /** The token cache key: the session name, or the start URL of a legacy profile. */
  readonly cacheKey: string;
  /** Where the values came from, for messages: `[sso-session my-sso] in /home/me/.aws/config`. */
  readonly source: string;
}
