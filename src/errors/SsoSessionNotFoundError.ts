import { SsoConfigError } from "./SsoConfigError.js";

export interface SsoSessionNotFoundErrorOptions {
  profile: string;
  ssoSession: string;
  path: string;
}

/** A profile names an `sso_session` that has no `[sso-session NAME]` section. */
export class SsoSessionNotFoundError extends SsoConfigError {
  override name = "SsoSessionNotFoundError";
  readonly profile: string;
  readonly ssoSession: string;
  readonly path: string;

  constructor(options: SsoSessionNotFoundErrorOptions) {
    const { profile, ssoSession, path } = options;
    super(
      `Profile "${profile}" uses sso_session = ${ssoSession}, but ${path} has no [sso-session ${ssoSession}] section. ` +
        `Add that section (sso_start_url, sso_region), or run: aws configure sso-session`,
    );
    this.profile = profile;
    this.ssoSession = ssoSession;
    this.path = path;
  }
}
