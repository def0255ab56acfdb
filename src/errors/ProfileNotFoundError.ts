import { libraryWords, type CallerWords } from "./CallerWords.js";
import { SsoConfigError } from "./SsoConfigError.js";

export interface ProfileNotFoundErrorOptions {
  profile: string;
  /** The config file looked in. */
  path: string;
  /** The SSO profiles the file does have, for the message. */
  ssoProfiles: readonly string[];
  words?: CallerWords;
}

/** The profile asked for is in neither the config nor the credentials file. A chain may try its next provider. */
export class ProfileNotFoundError extends SsoConfigError {
  override name = "ProfileNotFoundError";
  readonly profile: string;
  readonly path: string;
  readonly ssoProfiles: readonly string[];

  constructor(options: ProfileNotFoundErrorOptions) {
    const { profile, path, ssoProfiles } = options;
    const words = options.words ?? libraryWords;
    const known = ssoProfiles.length > 0 ? `SSO profiles in that file: ${ssoProfiles.join(", ")}.` : "That file has no SSO profiles.";
    super(
      `Profile "${profile}" was not found in ${path}. ${known} ` +
        `Pass an existing profile (${words.setting("profile")} or AWS_PROFILE), or create it with: aws configure sso --profile ${profile}`,
      { tryNextLink: true },
    );
    this.profile = profile;
    this.path = path;
    this.ssoProfiles = ssoProfiles;
  }
}
