import type { LogoutOptions, LogoutResult } from "./LogoutOptions.js";

/**
 * Logs out as `aws sso logout` does (awscli `customizations/sso/logout.py`), for one session or, with
 * `all`, for every one: each token file (a JSON file holding `accessToken`) first gets an SSO Logout
 * call with its token (whose errors are ignored: the token may be dead already), then is deleted, under
 * the refresh lock, so that a refresh in progress cannot write it back. Role credentials the AWS CLI
 * cached with the session (`~/.aws/cli/cache`, `"ProviderType": "sso"`) are deleted too: for one
 * session, those of its profiles (keyed as botocore's `SSOCredentialFetcher` keys them), with `all`,
 * every one. Registrations stay (the AWS CLI keeps them too). Resolves with the names of the files removed.
 */
export async function logout(options: LogoutOptions = {}): Promise<LogoutResult> {
  // Loaded on first use: importing the package stays as cheap for fromSSO as it was.
  const { runLogout } = await import("./runLogout.js");
  return runLogout(options);
}

