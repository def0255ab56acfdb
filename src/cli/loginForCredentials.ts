import type { Logger } from "@smithy/types";

import type { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import { renderLoginPrompt } from "../login/renderLoginPrompt.js";
import { runLogin } from "../login/runLogin.js";
import type { CliIo } from "./CliIo.js";
import { cliWords } from "./cliWords.js";

/**
 * `--login`: the credentials need a login (`why` says why). Logs in to the profile's session, or joins
 * the login another process is running for it (one prompt, one browser tab for all of them), with the
 * prompts on stderr. Resolves once a new token is in the cache; rejects with the login's typed error.
 */
export async function loginForCredentials(io: CliIo, profile: string, logger: Logger, why: SsoLoginRequiredError): Promise<void> {
  io.stderr.write(`aws-sso-creds: a login is needed (${why.name}); logging in (--login)\n`);
  const result = await runLogin(
    {
      profile,
      env: io.env,
      logger,
      force: false,
      onPrompt: (prompt) => io.stderr.write(renderLoginPrompt(prompt, "cli")),
    },
    { words: cliWords, promptWords: "cli", loginRequired: true },
  );
  if (result.outcome === "logged-in") io.stderr.write(`aws-sso-creds: logged in; the SSO token is valid until ${result.expiresAt.toISOString()}\n`);
}
