import { SsoConfigError } from "./SsoConfigError.js";

export interface SsoSessionNotFoundErrorOptions {
  /** The profile that names the session; undefined when the session was asked for directly (`--sso-session`). */
  profile?: string;
  ssoSession: string;
  path: string;
}

/** A profile (or `--sso-session`) names an `sso_session` that has no `[sso-session NAME]` section. */
export class SsoSessionNotFoundError extends SsoConfigError {
  override name = "SsoSessionNotFoundError";
  readonly profile: string | undefined;
  readonly ssoSession: string;
  readonly path: string;

  constructor(options: SsoSessionNotFoundErrorOptions) {
    const { profile, ssoSession, path } = options;
    const user = profile === undefined ? `The sso-session "${ssoSession}" was asked for` : `Profile "${profile}" uses sso_session = ${ssoSession}`;
    super(
      `${user}, but ${path} has no [sso-session ${ssoSession}] section. ` +
        `Add that section (sso_start_url, sso_region), or run: aws configure sso-session`,
    );
    this.profile = profile;
    this.ssoSession = ssoSession;
    this.path = path;
  }
}
