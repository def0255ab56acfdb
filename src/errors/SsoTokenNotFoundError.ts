import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";

export interface SsoTokenNotFoundErrorOptions {
  path: string;
  target: LoginTarget;
}

/** No cached token for this session or start URL: the user has not logged in on this machine (or the cache was cleared). */
export class SsoTokenNotFoundError extends SsoLoginRequiredError {
  override name = "SsoTokenNotFoundError";
  readonly path: string;

  constructor(options: SsoTokenNotFoundErrorOptions) {
    super(`No cached SSO token at ${options.path}${describe(options.target)}. Run: ${loginFixCommand(options.target)}`);
    this.path = options.path;
  }
}

function describe(target: LoginTarget): string {
  if (target.ssoSession !== undefined) return ` for sso-session "${target.ssoSession}"`;
  if (target.profile !== undefined) return ` for profile "${target.profile}"`;
  return "";
}
