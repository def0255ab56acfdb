import type { Logger } from "@smithy/types";

import { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import type { CredentialResolver, ResolvedCredentials } from "../provider/CredentialResolver.js";
import type { CliIo } from "./CliIo.js";
import type { CredentialOptionValues } from "./commonOptions.js";
import { createCliResolver } from "./createCliResolver.js";
import { loginForCredentials } from "./loginForCredentials.js";

/**
 * Gets the profile's role credentials through the library's own resolver (the same cache, lock and
 * refresh as any SDK client using `fromSSO`), hands them (and the resolver, for a command that keeps
 * getting credentials) to `use`, and then lets the resolver finish:
 * a token refresh that was still running (the cached token being valid, the credentials did not wait
 * for it) is saved before the process ends, so no token the service issued is lost.
 * The resolver is set up as `createCliResolver` says.
 */
export async function withProfileCredentials<T>(
  io: CliIo,
  options: CredentialOptionValues,
  logger: Logger,
  use: (resolved: ResolvedCredentials, resolver: CredentialResolver) => Promise<T>,
): Promise<T> {
  // exec --serve hands the credentials to an endpoint whose consumers keep them: see createCliResolver.
  const resolver = createCliResolver(io, options, logger, options.serve === true);
  const profileName = resolver.profileName();
  try {
    const resolved = await resolver.resolve(profileName).catch(async (error: unknown) => {
      // --login: start the login (or join one in progress), then once more.
      if (options.login !== true || !(error instanceof SsoLoginRequiredError)) throw error;
      await loginForCredentials(io, profileName, logger, error);
      return resolver.resolve(profileName);
    });
    const { credentials, profile, chain } = resolved;
    const role = chain.hops.at(-1)?.roleArn.split("/").at(-1) ?? profile.roleName;
    logger.info(`credentials for role ${role} in account ${credentials.accountId}, valid until ${credentials.expiration.toISOString()}`);
    return await use(resolved, resolver);
  } finally {
    await resolver.close();
  }
}
