/**
 * The options every command takes (but `completion`, which has no profile), before or after its
 * name: `aws-sso-creds --profile dev env` is `aws-sso-creds env --profile dev`. `--help` and
 * `--version` are answered by runCli wherever they are; `--no-color` matters where there is colour.
 */
export const COMMON_OPTIONS = {
  profile: { type: "string" },
  verbose: { type: "boolean" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
} as const;

/** The options that may also come before the command, as `aws-sso-creds --help` lists them. */
export const GLOBAL_OPTIONS_HELP = `Global options, before or after the command:
  --profile P     the profile (default: AWS_PROFILE, else "default"); not for completion
  --verbose       progress and debug lines on stderr (progress is shown anyway when stderr is a terminal)
  --no-color      no colours, whatever the environment says
  -h, --help      help (for the command, when there is one), on stdout
  -V, --version   the version`;

/** The help lines of {@link COMMON_OPTIONS}. */
export const COMMON_OPTIONS_HELP = `  --profile P   the SSO profile (default: AWS_PROFILE, else "default")
  --verbose     progress and debug lines on stderr (progress is shown anyway when stderr is a terminal)
  -h, --help    this help`;

/**
 * The options of the commands that get credentials (credential-process, env, exec...): the common
 * ones, and those that change how the credentials are got. They reach `withProfileCredentials` as
 * parsed, so an option added here works in every such command.
 */
export const CREDENTIAL_OPTIONS = {
  ...COMMON_OPTIONS,
  "no-cache": { type: "boolean" },
  login: { type: "boolean" },
} as const;

/** The help lines of {@link CREDENTIAL_OPTIONS}. */
export const CREDENTIAL_OPTIONS_HELP = `${COMMON_OPTIONS_HELP}
  --no-cache    do not use the AWS CLI's role credential cache (~/.aws/cli/cache): get new role
                credentials, and keep them in this process only
  --login       when a login is needed, log in (browser, or device code for a legacy profile) and go on,
                instead of exiting with 77; processes that need it at once share one login`;

/** What `parseArgs` gives for {@link CREDENTIAL_OPTIONS}. */
export interface CredentialOptionValues {
  profile?: string | undefined;
  verbose?: boolean | undefined;
  "no-color"?: boolean | undefined;
  "no-cache"?: boolean | undefined;
  login?: boolean | undefined;
  /** `exec --serve`: the credentials go to an endpoint whose consumers keep them. */
  serve?: boolean | undefined;
}
