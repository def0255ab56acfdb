import { SsoConfigError } from "./SsoConfigError.js";

export interface SourceProfileNotFoundErrorOptions {
  /** The profile with `role_arn` whose source is missing. */
  profile: string;
  /** Its `source_profile`; undefined when it sets none. */
  sourceProfile: string | undefined;
  /** The config file. */
  path: string;
}

/** A profile with `role_arn` sets no `source_profile`, or names one that does not exist. */
export class SourceProfileNotFoundError extends SsoConfigError {
  override name = "SourceProfileNotFoundError";
  readonly profile: string;
  readonly sourceProfile: string | undefined;
  readonly path: string;

  constructor(options: SourceProfileNotFoundErrorOptions) {
    const { profile, sourceProfile, path } = options;
    super(
      sourceProfile === undefined
        ? `Profile "${profile}" in ${path} sets role_arn but no source_profile, so there are no credentials to assume the role with. ` +
            `Add "source_profile = NAME" to [profile ${profile}], naming an SSO profile (or a profile that chains to one).`
        : `Profile "${profile}" in ${path} sets source_profile = ${sourceProfile}, and there is no profile "${sourceProfile}". ` +
            `Create it (aws configure sso --profile ${sourceProfile}) or point source_profile of [profile ${profile}] at an existing SSO profile.`,
    );
    this.profile = profile;
    this.sourceProfile = sourceProfile;
    this.path = path;
  }
}
