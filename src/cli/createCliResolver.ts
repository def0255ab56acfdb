import type { Logger } from "@smithy/types";

import { CredentialResolver } from "../provider/CredentialResolver.js";
import { resolveProviderSettings } from "../provider/resolveProviderSettings.js";
import { RENEW_BEFORE_EXPIRY_MAX_MS } from "../server/renewalTimes.js";
import type { CliIo } from "./CliIo.js";
import { cliMfaCodeProvider } from "./cliMfaCodeProvider.js";
import { cliWords } from "./cliWords.js";
import type { CredentialOptionValues } from "./commonOptions.js";

/**
 * The library's resolver as every credential command of the CLI sets it up: the CLI's environment and
 * words, the AWS CLI's shared role credential cache (~/.aws/cli/cache) unless `--no-cache` (every
 * `credential_process` run is a new process, and the cache is what spares it a fetch), and MFA codes
 * asked for on the terminal. `profile` undefined: the resolver's own rule (AWS_PROFILE, else default).
 *
 * `forEndpoint`: for the credentials endpoint (`serve`, `exec --serve`), whose consumers keep what they
 * get: credentials with less than the endpoint's renewal margin left (16 minutes, botocore's 15 plus
 * one) count as stale, so a half-used role cache entry is never handed on as if it were new.
 */
export function createCliResolver(
  io: CliIo,
  /** `mfaProfile`: the profile an MFA prompt's advice names, when `profile` is left to the resolver. */
  options: CredentialOptionValues & { profile?: string | undefined; mfaProfile?: string | undefined },
  logger: Logger,
  forEndpoint = false,
): CredentialResolver {
  const profile = options.profile || undefined;
  return new CredentialResolver(
    resolveProviderSettings(
      {
        profile,
        logger,
        env: io.env,
        roleCredentialCache: options["no-cache"] !== true,
        mfaCodeProvider: cliMfaCodeProvider(io, profile ?? options.mfaProfile ?? (io.env.AWS_PROFILE || "default")),
        ...(forEndpoint ? { refreshWindowSeconds: (RENEW_BEFORE_EXPIRY_MAX_MS + 60_000) / 1000 } : {}),
      },
      cliWords,
    ),
  );
}
