/**
 * The exit codes of `aws-sso-creds`, one per kind of failure, so that scripts can tell them apart.
 * The numbers follow BSD's sysexits.h, which keeps them clear of the 1 and 2 most programs use:
 * `exec` passes its command's own exit code through.
 */
export const ExitCode = {
  Success: 0,
  /** Bad arguments: an unknown command or option, a missing value (EX_USAGE). */
  Usage: 64,
  /** The shared config is missing, invalid or contradicts itself: `SsoConfigError` (EX_CONFIG). */
  Config: 78,
  /**
   * A new login (`aws-sso-creds login` or `aws sso login`) is needed: `SsoLoginRequiredError` (EX_NOPERM).
   * A login that did not complete is one too: denied, expired, no answer on the loopback callback, or
   * no port to listen on for it. In each case no usable token exists and a person must log in again
   * (the message names the flag that helps, e.g. --use-device-code); a script cannot do more.
   */
  LoginRequired: 77,
  /** IAM Identity Center failed or could not be reached; trying again may help: `SsoServiceError` (EX_UNAVAILABLE). */
  Service: 69,
  /** The token cache (a file, its directory or its lock) cannot be used: `SsoTokenCacheError` (EX_IOERR). */
  TokenCache: 74,
  /** Anything else: a bug (EX_SOFTWARE). */
  Internal: 70,
  /** `exec`: the command was found but could not be run (the shells' convention). */
  CannotExecute: 126,
  /** `exec`: the command was not found (the shells' convention). */
  CommandNotFound: 127,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit codes, for every command's `--help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0    success
  64   usage error: unknown command or option, missing or bad value
  78   config error: profile or sso-session missing or invalid in ~/.aws/config
  77   login needed: no SSO token, or it expired and cannot be refreshed, or a login was denied,
       expired or got no answer from the browser; run the login command shown
  69   service or network error: IAM Identity Center failed or could not be reached; try again
  74   token cache error: a cache file, its directory or its lock cannot be used
  70   unexpected error
  exec only: the command's own exit code; 128+N if signal N ended it; 126 cannot run it; 127 not found`;
