import { SsoConfigError } from "./SsoConfigError.js";

export interface NotSsoProfileErrorOptions {
  profile: string;
  path: string;
}

/** The profile exists but has neither `sso_session` nor `sso_start_url`. A chain may try its next provider. */
export class NotSsoProfileError extends SsoConfigError {
  override name = "NotSsoProfileError";
  readonly profile: string;
  readonly path: string;

  constructor(options: NotSsoProfileErrorOptions) {
    const { profile, path } = options;
    super(
      `Profile "${profile}" in ${path} is not an SSO profile: it sets neither sso_session nor sso_start_url. ` +
        `Configure it with: aws configure sso --profile ${profile}`,
      { tryNextLink: true },
    );
    this.profile = profile;
    this.path = path;
  }
}
