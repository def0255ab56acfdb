import type { Logger } from "@smithy/types";

import { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import { CredentialResolver, type ResolvedCredentials } from "../provider/CredentialResolver.js";
import { resolveProviderSettings } from "../provider/resolveProviderSettings.js";
import type { CliIo } from "./CliIo.js";
import { cliWords } from "./cliWords.js";
import { resolveProfileName, type CredentialOptionValues } from "./commonOptions.js";
import { loginForCredentials } from "./loginForCredentials.js";

/**
 * Gets the profile's role credentials through the library's own resolver (the same cache, lock and
 * refresh as any SDK client using `fromSSO`), hands them to `use`, and then lets the resolver finish:
 * a token refresh that was still running (the cached token being valid, the credentials did not wait
 * for it) is saved before the process ends, so no token the service issued is lost.
 */
export async function withProfileCredentials<T>(
  io: CliIo,
  options: CredentialOptionValues,
  logger: Logger,
  use: (resolved: ResolvedCredentials) => Promise<T>,
): Promise<T> {
  const profileName = resolveProfileName(options.profile, io.env);
  const resolver = new CredentialResolver(resolveProviderSettings({ profile: profileName, logger, env: io.env }, cliWords));
  try {
    const resolved = await resolver.resolve(profileName).catch(async (error: unknown) => {
      // --login: start the login (or join one in progress), then once more.
      if (options.login !== true || !(error instanceof SsoLoginRequiredError)) throw error;
      await loginForCredentials(io, profileName, logger, error);
      return resolver.resolve(profileName);
    });
    const { credentials, profile } = resolved;
    logger.info(
      `credentials for role ${profile.roleName} in account ${credentials.accountId}, valid until ${credentials.expiration.toISOString()}`,
    );
    return await use(resolved);
  } finally {
    await resolver.close();
  }
}
