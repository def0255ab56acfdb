import { SsoConfigError } from "./SsoConfigError.js";

export interface ConflictingSsoConfigErrorOptions {
  profile: string;
  ssoSession: string;
  /** `sso_start_url` or `sso_region`. */
  field: string;
  profileValue: string;
  sessionValue: string;
  /** The config file. */
  path: string;
}

/** A legacy field in the profile says something else than the same field of its `[sso-session]`. */
export class ConflictingSsoConfigError extends SsoConfigError {
  override name = "ConflictingSsoConfigError";
  readonly profile: string;
  readonly ssoSession: string;
  readonly field: string;
  readonly path: string;

  constructor(options: ConflictingSsoConfigErrorOptions) {
    const { profile, ssoSession, field, profileValue, sessionValue, path } = options;
    super(
      `Profile "${profile}" sets ${field} = ${profileValue}, but its sso-session "${ssoSession}" sets ${field} = ${sessionValue} (${path}). ` +
        `Remove ${field} from [profile ${profile}] or make the two values equal.`,
    );
    this.profile = profile;
    this.ssoSession = ssoSession;
    this.field = field;
    this.path = path;
  }
}
