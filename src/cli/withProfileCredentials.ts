import type { Logger } from "@smithy/types";

import { CredentialResolver, type ResolvedCredentials } from "../provider/CredentialResolver.js";
import { resolveProviderSettings } from "../provider/resolveProviderSettings.js";
import type { CliIo } from "./CliIo.js";
import { cliWords } from "./cliWords.js";
import type { CredentialOptionValues } from "./commonOptions.js";
import { cliMfaCodeProvider } from "./cliMfaCodeProvider.js";

/**
 * Gets the profile's role credentials through the library's own resolver (the same cache, lock and
 * refresh as any SDK client using `fromSSO`), hands them to `use`, and then lets the resolver finish:
 * a token refresh that was still running (the cached token being valid, the credentials did not wait
 * for it) is saved before the process ends, so no token the service issued is lost.
 *
 * Role credentials go through the AWS CLI's shared cache (~/.aws/cli/cache) unless `--no-cache`:
 * every `credential_process` run is a new process, and this is what spares it a fetch.
 */
export async function withProfileCredentials<T>(
  io: CliIo,
  options: CredentialOptionValues,
  logger: Logger,
  use: (resolved: ResolvedCredentials) => Promise<T>,
): Promise<T> {
  const profileOption = options.profile || undefined;
  const settings = resolveProviderSettings(
    {
      profile: profileOption,
      logger,
      env: io.env,
      roleCredentialCache: options["no-cache"] !== true,
      mfaCodeProvider: cliMfaCodeProvider(io, profileOption ?? (io.env.AWS_PROFILE || "default")),
    },
    cliWords,
  );
  const resolver = new CredentialResolver(settings);
  const profileName = resolver.profileName();
  try {
    const resolved = await resolver.resolve(profileName);
    const { credentials, profile, chain } = resolved;
    const role = chain.hops.at(-1)?.roleArn.split("/").at(-1) ?? profile.roleName;
    logger.info(`credentials for role ${role} in account ${credentials.accountId}, valid until ${credentials.expiration.toISOString()}`);
    return await use(resolved);
  } finally {
    await resolver.close();
  }
}
