import type { CliCommand } from "./CliCommand.js";
import { CREDENTIAL_OPTIONS, CREDENTIAL_OPTIONS_HELP } from "./commonOptions.js";
import { createCliLogger } from "./createCliLogger.js";
import { credentialVariables } from "./credentialVariables.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { withProfileCredentials } from "./withProfileCredentials.js";
import { ENV_FORMATS, formatEnvironment, parseFormatOption } from "./formatEnvironment.js";
import { parseCommandLine } from "./parseCommandLine.js";

const NAME = "env";

const ENV_OPTIONS = { ...CREDENTIAL_OPTIONS, format: { type: "string", short: "f" } } as const;

const HELP = `Usage: aws-sso-creds env [--profile P] [--format F] [--verbose]

Prints the SSO profile's role credentials as environment variables: AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_ACCOUNT_ID, and
AWS_REGION and AWS_DEFAULT_REGION when the profile sets region. Values are quoted for the format.

  creds=$(aws-sso-creds env --profile dev) && eval "$creds"        sh, bash, zsh, dash
  aws-sso-creds env --profile dev --format fish | source           fish
  aws-sso-creds env --profile dev --format powershell | Invoke-Expression
  aws-sso-creds env --profile dev --format dotenv > .env           dotenv, Docker Compose
  aws-sso-creds env --profile dev --format sam > env.json          sam local invoke --env-vars env.json

Keep the output in a variable first, as above: if aws-sso-creds fails, it prints nothing on stdout
and exits non-zero, so nothing is evaluated and the failure shows. eval "$(aws-sso-creds env)"
would hide it: eval of nothing succeeds, even under set -e. In a script with set -e, the line
creds=$(aws-sso-creds env --profile dev) on its own stops the script when it fails.

The credentials are fixed once printed: they stop working when they expire
(AWS_CREDENTIAL_EXPIRATION, usually after an hour). For long-running processes use
credential_process (see: aws-sso-creds credential-process --help).

Options:
  --format F    ${ENV_FORMATS.join(", ")} (default: sh)
${CREDENTIAL_OPTIONS_HELP}

${EXIT_CODES_HELP}
`;

/** `env`: the credentials as variables, for a shell's `eval`, a `.env` file or SAM's `--env-vars`. */
export const envCommand: CliCommand = {
  name: NAME,
  summary: "print credentials as environment variables (sh, fish, powershell, dotenv, json, sam)",
  help: HELP,
  options: ENV_OPTIONS,
  optionValues: { format: ENV_FORMATS },
  async run(args, io) {
    const { values } = parseCommandLine(NAME, { args, options: ENV_OPTIONS });
    const format = parseFormatOption(values.format, ENV_FORMATS, NAME);
    const logger = createCliLogger(io, values.verbose === true);
    return withProfileCredentials(io, values, logger, async (resolved) => {
      io.stdout.write(formatEnvironment(credentialVariables(resolved), format));
      return ExitCode.Success;
    });
  },
};
