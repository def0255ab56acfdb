import { libraryWords, type CallerWords } from "./CallerWords.js";
import { describeLoginTarget } from "./describeLoginTarget.js";
import { loginCommands } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";
import { SsoLoginRequiredError } from "./SsoLoginRequiredError.js";

export interface LoginCallbackServerErrorOptions {
  target: LoginTarget;
  /** The port asked for; 0 for any free one. */
  port: number;
  /** The socket error (`EADDRINUSE`, `EACCES`...). */
  cause: unknown;
  words?: CallerWords;
}

/** The PKCE login could not listen on 127.0.0.1 for the browser's answer. No browser was opened. */
export class LoginCallbackServerError extends SsoLoginRequiredError {
  override name = "LoginCallbackServerError";
  readonly port: number;

  constructor(options: LoginCallbackServerErrorOptions) {
    const { target, port, cause } = options;
    const words = options.words ?? libraryWords;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? "unknown error";
    super(
      `Could not listen on 127.0.0.1${port === 0 ? "" : `:${port}`} for the browser's answer to the login to ${describeLoginTarget(target)} (${code}). ` +
        `Choose another port with ${words.setting("redirectPort")} (or leave it out for any free one), or log in with a code instead: ` +
        `${loginCommands(target).ours} --use-device-code`,
      { cause },
    );
    this.port = port;
  }
}
