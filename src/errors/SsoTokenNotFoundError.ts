import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";
import { loginCommand, type LoginTarget } from "./loginCommand.js";

/** No cached token for this session or start URL: the user has not logged in on this machine (or the cache was cleared). */
export class SsoTokenNotFoundError extends SsoLoginRequiredError {
  override name = "SsoTokenNotFoundError";
  readonly path: string;

  constructor(path: string, target: LoginTarget, options: { cause?: unknown } = {}) {
    super(`No cached SSO token at ${path}${describe(target)}. Run: ${loginCommand(target)}`, options);
    this.path = path;
  }
}

function describe(target: LoginTarget): string {
  if (target.ssoSession !== undefined) return ` for sso-session "${target.ssoSession}"`;
  if (target.profile !== undefined) return ` for profile "${target.profile}"`;
  return "";
}
