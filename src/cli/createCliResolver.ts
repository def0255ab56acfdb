import type { Logger } from "@smithy/types";

import { CredentialResolver } from "../provider/CredentialResolver.js";
import { resolveProviderSettings } from "../provider/resolveProviderSettings.js";
import type { CliIo } from "./CliIo.js";
import { cliMfaCodeProvider } from "./cliMfaCodeProvider.js";
import { cliWords } from "./cliWords.js";
import type { CredentialOptionValues } from "./commonOptions.js";

/**
 * The library's resolver as every credential command of the CLI sets it up: the CLI's environment and
 * words, the AWS CLI's shared role credential cache (~/.aws/cli/cache) unless `--no-cache` (every
 * `credential_process` run is a new process, and the cache is what spares it a fetch), and MFA codes
 * asked for on the terminal. `profile` undefined: the resolver's own rule (AWS_PROFILE, else default).
 */
export function createCliResolver(io: CliIo, options: CredentialOptionValues & { profile?: string | undefined }, logger: Logger): CredentialResolver {
  const profile = options.profile || undefined;
  return new CredentialResolver(
    resolveProviderSettings(
      {
        profile,
        logger,
        env: io.env,
        roleCredentialCache: options["no-cache"] !== true,
        mfaCodeProvider: cliMfaCodeProvider(io, profile ?? (io.env.AWS_PROFILE || "default")),
      },
      cliWords,
    ),
  );
}
