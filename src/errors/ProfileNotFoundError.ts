import { SsoConfigError } from "./SsoConfigError.js";

/** The profile asked for is in neither the config nor the credentials file. A chain may try its next provider. */
export class ProfileNotFoundError extends SsoConfigError {
  override name = "ProfileNotFoundError";
  readonly profile: string;
  readonly path: string;
  readonly ssoProfiles: readonly string[];

  constructor(profile: string, path: string, ssoProfiles: readonly string[]) {
    const known =
      ssoProfiles.length > 0
        ? `SSO profiles in that file: ${ssoProfiles.join(", ")}.`
        : "That file has no SSO profiles.";
    super(
      `Profile "${profile}" was not found in ${path}. ${known} ` +
        `Pass an existing profile (the \`profile\` option or AWS_PROFILE), or create it with: aws configure sso --profile ${profile}`,
      { tryNextLink: true },
    );
    this.profile = profile;
    this.path = path;
    this.ssoProfiles = ssoProfiles;
  }
}
