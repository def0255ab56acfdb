import { libraryWords, otherProfileProvider, type CallerWords } from "./CallerWords.js";
import type { OwnCredentialProcess } from "./NotSsoProfileError.js";
import { SsoConfigError } from "./SsoConfigError.js";

export interface ChainRootNotSsoErrorOptions {
  /** The profile asked for. */
  profile: string;
  /** The profile the `source_profile` chain ends at. */
  root: string;
  /** What the root has instead of SSO settings, as a predicate: `has static keys (aws_access_key_id)`. */
  reason: string;
  /** The config file. */
  path: string;
  /** The root's `credential_process` runs aws-sso-creds: the chain should start at the profile that command reads. */
  ownCredentialProcess?: OwnCredentialProcess;
  words?: CallerWords;
}

/**
 * A `source_profile` chain that ends at a profile that is not an SSO profile (static keys, a
 * credential_process...). This library only starts chains from SSO; the SDK's `fromIni` handles the rest.
 * A credential chain may try its next provider.
 */
export class ChainRootNotSsoError extends SsoConfigError {
  override name = "ChainRootNotSsoError";
  readonly profile: string;
  readonly root: string;
  readonly path: string;

  constructor(options: ChainRootNotSsoErrorOptions) {
    const { profile, root, reason, path } = options;
    const sourceOf = options.ownCredentialProcess?.profile;
    super(
      `Profile "${profile}" in ${path} assumes a role with credentials from profile "${root}", which ${reason}: ` +
        `it is not an SSO profile, and only chains that start at an SSO profile are handled here. ` +
        (sourceOf !== undefined && sourceOf !== root
          ? `"${root}" runs aws-sso-creds itself (credential_process = ${options.ownCredentialProcess?.command ?? ""}): ` +
            `point the chain at the SSO profile that command reads, "${sourceOf}" (source_profile = ${sourceOf}).`
          : `Use ${otherProfileProvider(options.words ?? libraryWords, profile)} for this profile, or point the chain at an SSO profile.`),
      { tryNextLink: true },
    );
    this.profile = profile;
    this.root = root;
    this.path = path;
  }
}
