import { SsoConfigError } from "./SsoConfigError.js";

/** A legacy field in the profile says something else than the same field of its `[sso-session]`. */
export class ConflictingSsoConfigError extends SsoConfigError {
  override name = "ConflictingSsoConfigError";
  readonly profile: string;
  readonly ssoSession: string;
  readonly field: string;

  constructor(profile: string, ssoSession: string, field: string, profileValue: string, sessionValue: string, path: string) {
    super(
      `Profile "${profile}" sets ${field} = ${profileValue}, but its sso-session "${ssoSession}" sets ${field} = ${sessionValue} (${path}). ` +
        `Remove ${field} from [profile ${profile}] or make the two values equal.`,
    );
    this.profile = profile;
    this.ssoSession = ssoSession;
    this.field = field;
  }
}
