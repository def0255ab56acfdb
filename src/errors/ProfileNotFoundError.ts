import { libraryWords, type CallerWords } from "./CallerWords.js";
import { configFileAdvice } from "./configFileAdvice.js";
import { SsoConfigError } from "./SsoConfigError.js";

export interface ProfileNotFoundErrorOptions {
  profile: string;
  /** The config file looked in. */
  path: string;
  /** The SSO profiles the file does have, for the message. */
  ssoProfiles: readonly string[];
  /** False when the config file does not exist at all: the message then says how to create one. Default true. */
  configFileExists?: boolean;
  /** The config file has a `[NAME]` section (no `profile ` prefix) of this name, which the format ignores. */
  unprefixedSection?: boolean;
  words?: CallerWords;
}

/** The profile asked for is in neither the config nor the credentials file. A chain may try its next provider. */
export class ProfileNotFoundError extends SsoConfigError {
  override name = "ProfileNotFoundError";
  readonly profile: string;
  readonly path: string;
  readonly ssoProfiles: readonly string[];
  /** Whether the config file exists: when it does not, this error is the first a new user meets. */
  readonly configFileExists: boolean;
  readonly unprefixedSection: boolean;

  constructor(options: ProfileNotFoundErrorOptions) {
    const { profile, path, ssoProfiles } = options;
    const words = options.words ?? libraryWords;
    const configFileExists = options.configFileExists !== false;
    const unprefixedSection = options.unprefixedSection === true;
    let message: string;
    if (!configFileExists) {
      message =
        `The config file ${path} does not exist, so there is no profile "${profile}". Profiles are read from that file; nothing here creates it. ` +
        configFileAdvice(path, words);
    } else if (unprefixedSection) {
      message =
        `Profile "${profile}" was not found: [${profile}] in ${path} is not read as a profile, because the config file's profile sections ` +
        `are [profile ${profile}] (only [default] goes without "profile "). Rename that section to [profile ${profile}].`;
    } else {
      const known = ssoProfiles.length > 0 ? `SSO profiles in that file: ${ssoProfiles.join(", ")}.` : "That file has no SSO profiles.";
      message =
        `Profile "${profile}" was not found in ${path}. ${known} ` +
        `Pass an existing profile (${words.setting("profile")} or AWS_PROFILE), or create it with: aws configure sso --profile ${profile}`;
    }
    super(message, { tryNextLink: true });
    this.profile = profile;
    this.path = path;
    this.ssoProfiles = ssoProfiles;
    this.configFileExists = configFileExists;
    this.unprefixedSection = unprefixedSection;
  }
}
