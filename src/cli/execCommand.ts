import type { CliCommand } from "./CliCommand.js";
import { childEnvironment, CONFLICTING_VARIABLES } from "./childEnvironment.js";
import { CREDENTIAL_OPTIONS, CREDENTIAL_OPTIONS_HELP } from "./commonOptions.js";
import { createCliLogger } from "./createCliLogger.js";
import { credentialVariables } from "./credentialVariables.js";
import { EXIT_CODES_HELP } from "./ExitCode.js";
import { withProfileCredentials } from "./withProfileCredentials.js";
import { parseCommandLine } from "./parseCommandLine.js";
import { runChild } from "./runChild.js";
import { runChildWithEndpoint } from "./runChildWithEndpoint.js";
import { splitCommandArgs } from "./splitCommandArgs.js";
import { UsageError } from "./UsageError.js";

const NAME = "exec";

/** `exec`'s options: those of every credential command, and `--serve`. */
const EXEC_OPTIONS = { ...CREDENTIAL_OPTIONS, serve: { type: "boolean" } } as const;

const HELP = `Usage: aws-sso-creds exec [--serve] [--profile P] [--verbose] -- COMMAND [ARGS...]

Runs COMMAND with the SSO profile's role credentials in its environment (the variables of
"aws-sso-creds env"), for scripts, tests and local Lambda runs:

  aws-sso-creds exec --profile dev -- aws sts get-caller-identity
  aws-sso-creds exec --profile dev -- npm test
  aws-sso-creds exec --profile dev -- sam local invoke MyFunction --event event.json

Variables that would point the command at other credentials or another profile are removed:
${wrap(CONFLICTING_VARIABLES.join(" "), 2, 96)}
SIGINT, SIGTERM, SIGHUP and SIGQUIT are passed on to COMMAND (those a terminal sends to both, such
as Ctrl-C, it gets once), aws-sso-creds waits for it and exits with its exit code (128+N if signal N
ended it); if aws-sso-creds itself is ended otherwise, it ends COMMAND first (SIGTERM).

The credentials are fixed when COMMAND starts and stop working when they expire (usually after an
hour). A command that runs longer than that needs --serve (or credential_process, see:
aws-sso-creds credential-process --help).

With --serve, COMMAND gets no keys but a container credentials endpoint of its own, on a free
127.0.0.1 port, that hands out the profile's credentials and renews them before they expire, for as
long as COMMAND runs (see: aws-sso-creds serve --help). It gets instead:
  AWS_CONTAINER_CREDENTIALS_FULL_URI   http://127.0.0.1:PORT/profiles/<profile>
  AWS_CONTAINER_AUTHORIZATION_TOKEN    the endpoint's token, new on every run
  AWS_REGION, AWS_DEFAULT_REGION       when the profile sets region
and 127.0.0.1 is added to NO_PROXY and no_proxy when an http proxy is set (curl and other generic
clients would send the token through it). Every AWS SDK, boto3 and the AWS CLI read these; so does
"sam local", which hands each function invocation fresh keys:

  aws-sso-creds exec --serve --profile dev -- sam local start-api
  aws-sso-creds exec --serve --profile dev -- npm run dev

Options:
  --serve       run COMMAND with a refreshing credentials endpoint instead of fixed keys
${CREDENTIAL_OPTIONS_HELP}

${EXIT_CODES_HELP}
`;

/** `exec`: runs a command with the credentials in its environment. */
export const execCommand: CliCommand = {
  name: NAME,
  summary: "run a command with the credentials in its environment",
  help: HELP,
  options: EXEC_OPTIONS,
  operands: "command",
  async run(args, io) {
    const { own, command } = splitCommandArgs(args, EXEC_OPTIONS);
    const { values } = parseCommandLine(NAME, { args: own, options: EXEC_OPTIONS });
    const [program, ...programArgs] = command;
    if (program === undefined || program === "") throw new UsageError("no command to run: put it after --", NAME);
    const logger = createCliLogger(io, values.verbose === true);
    return withProfileCredentials(io, values, logger, (resolved, resolver) => {
      if (values.serve === true) {
        const profileName = resolver.profileName();
        return runChildWithEndpoint(program, programArgs, { io, logger, profileName, resolved, resolver });
      }
      const env = childEnvironment(io.env, credentialVariables(resolved));
      logger.debug(`running ${program} with the credentials in its environment`);
      return runChild(program, programArgs, { env, stderr: io.stderr });
    });
  },
};

function wrap(text: string, indent: number, width: number): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent + line.length + 1 + word.length > width) {
      out.push(" ".repeat(indent) + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") out.push(" ".repeat(indent) + line);
  return out.join("\n");
}
