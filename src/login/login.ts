import type { LoginOptions } from "./LoginOptions.js";
import type { LoginResult } from "./LoginResult.js";

/**
 * Logs in to IAM Identity Center without the AWS CLI, and writes the token where the AWS CLI v2 does
 * (`~/.aws/sso/cache`, the same file names and fields), so this library, the AWS CLI, botocore and the
 * AWS SDKs all use it. An `[sso-session]` logs in with PKCE in a browser by default (`flow: "device"`
 * for a code entered on any device); a legacy profile with the device code.
 *
 * The client registration is shared with the AWS CLI's cache, and reused while it is valid. When
 * several processes log in to the same session at once, one runs the login and the others wait for
 * its token (each says so through `onPrompt`): one prompt, one browser tab.
 *
 * Failures are typed: `LoginDeniedError`, `LoginExpiredError`, `LoginCallbackTimeoutError`,
 * `LoginRejectedError` (all `SsoLoginRequiredError`), `LoginFailedError` (an `SsoServiceError`), and
 * the config errors `fromSSO` has. No token, secret, device code or code verifier is in any of them.
 */
export async function login(options: LoginOptions = {}): Promise<LoginResult> {
  // Loaded on first use: importing the package stays as cheap for fromSSO as it was.
  const { runLogin } = await import("./runLogin.js");
  return runLogin(options);
}
