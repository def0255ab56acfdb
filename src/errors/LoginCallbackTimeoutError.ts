import { libraryWords, type CallerWords } from "./CallerWords.js";
import { describeLoginTarget } from "./describeLoginTarget.js";
import { loginCommands } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";

export interface LoginCallbackTimeoutErrorOptions {
  target: LoginTarget;
  /** Where the browser was to be sent back: `http://127.0.0.1:PORT/oauth/callback`. */
  redirectUri: string;
  waitedMs: number;
  words?: CallerWords;
}

/**
 * The PKCE login waited for the browser's answer on the loopback callback until its deadline: the
 * user did not finish signing in, or the browser runs somewhere that cannot reach this machine's
 * 127.0.0.1 (an SSH session, a container, WSL). The device code flow works from any device.
 */
export class LoginCallbackTimeoutError extends SsoLoginRequiredError {
  override name = "LoginCallbackTimeoutError";
  readonly redirectUri: string;
  readonly waitedMs: number;

  constructor(options: LoginCallbackTimeoutErrorOptions) {
    const { target, redirectUri, waitedMs } = options;
    const words = options.words ?? libraryWords;
    super(
      `No sign-in reached ${redirectUri} within ${Math.round(waitedMs / 1000)} s for the login to ${describeLoginTarget(target)}: ` +
        "the sign-in was not completed in the browser, or the browser cannot reach 127.0.0.1 on this machine (an SSH session, a container, WSL). " +
        `Log in with a code instead, which works from any device (${words.setting("flow")}): ${loginCommands(target).ours} --use-device-code`,
    );
    this.redirectUri = redirectUri;
    this.waitedMs = waitedMs;
  }
}
