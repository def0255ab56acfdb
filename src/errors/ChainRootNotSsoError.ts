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
    super(
      `Profile "${profile}" in ${path} assumes a role with credentials from profile "${root}", which ${reason}: ` +
        `it is not an SSO profile, and only chains that start at an SSO profile are handled here. ` +
        `Use fromIni({ profile: "${profile}" }) of @aws-sdk/credential-providers for this profile, or point the chain at an SSO profile.`,
      { tryNextLink: true },
    );
    this.profile = profile;
    this.root = root;
    this.path = path;
  }
}
