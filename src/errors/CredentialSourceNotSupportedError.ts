import { libraryWords, otherProfileProvider, type CallerWords } from "./CallerWords.js";
import { SsoConfigError } from "./SsoConfigError.js";

export interface CredentialSourceNotSupportedErrorOptions {
  /** The profile that sets it. */
  profile: string;
  /** `credential_source` or `web_identity_token_file`. */
  field: string;
  value: string;
  /** The config file. */
  path: string;
  words?: CallerWords;
}

/**
 * A profile on the way to the role takes its credentials from `credential_source` (Environment,
 * Ec2InstanceMetadata, EcsContainer) or a web identity token, not from an SSO profile.
 * A credential chain may try its next provider.
 */
export class CredentialSourceNotSupportedError extends SsoConfigError {
  override name = "CredentialSourceNotSupportedError";
  readonly profile: string;
  readonly field: string;
  readonly path: string;

  constructor(options: CredentialSourceNotSupportedErrorOptions) {
    const { profile, field, value, path } = options;
    super(
      `Profile "${profile}" in ${path} takes its credentials from ${field} = ${value}, not from an SSO profile, ` +
        `and only role chains that start at an SSO profile are handled here. ` +
        `Use ${otherProfileProvider(options.words ?? libraryWords, profile)} for it, or replace ${field} with "source_profile = <an SSO profile>".`,
      { tryNextLink: true },
    );
    this.profile = profile;
    this.field = field;
    this.path = path;
  }
}
