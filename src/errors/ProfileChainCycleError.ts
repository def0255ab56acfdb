import { SsoConfigError } from "./SsoConfigError.js";

export interface ProfileChainCycleErrorOptions {
  /** The profile asked for. */
  profile: string;
  /** The profiles followed through `source_profile`, ending with the one met twice. */
  chain: readonly string[];
  /** The config file. */
  path: string;
}

/** Following `source_profile` from a profile comes back to a profile already on the way. */
export class ProfileChainCycleError extends SsoConfigError {
  override name = "ProfileChainCycleError";
  readonly profile: string;
  readonly chain: readonly string[];
  readonly path: string;

  constructor(options: ProfileChainCycleErrorOptions) {
    const { profile, chain, path } = options;
    const last = chain.at(-2) ?? profile;
    super(
      `Profile "${profile}" in ${path} chains back to itself through source_profile: ${chain.join(" -> ")}. ` +
        `Point source_profile of [profile ${last}] at a profile that leads to an SSO profile (sso_session or sso_start_url).`,
    );
    this.profile = profile;
    this.chain = chain;
    this.path = path;
  }
}
