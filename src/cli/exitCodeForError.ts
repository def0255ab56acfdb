import { SsoConfigError } from "../errors/SsoConfigError.js";
import { SsoLoginRequiredError } from "../errors/SsoLoginRequiredError.js";
import { SsoServiceError } from "../errors/SsoServiceError.js";
import { SsoTokenCacheError } from "../errors/SsoTokenCacheError.js";
import { ExitCode } from "./ExitCode.js";
import { UsageError } from "./UsageError.js";

/** The exit code for an error: one per error family of the library, usage errors apart. */
export function exitCodeForError(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.Usage;
  if (error instanceof SsoConfigError) return ExitCode.Config;
  if (error instanceof SsoLoginRequiredError) return ExitCode.LoginRequired;
  if (error instanceof SsoServiceError) return ExitCode.Service;
  if (error instanceof SsoTokenCacheError) return ExitCode.TokenCache;
  return ExitCode.Internal;
}
