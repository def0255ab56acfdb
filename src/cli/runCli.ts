import type { CliCommand } from "./CliCommand.js";
import type { CliIo } from "./CliIo.js";
import { credentialProcessCommand } from "./credentialProcessCommand.js";
import { envCommand } from "./envCommand.js";
import { execCommand } from "./execCommand.js";
import { listCommand } from "./listCommand.js";
import { loginCommand } from "./loginCommand.js";
import { logoutCommand } from "./logoutCommand.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { reportError } from "./reportError.js";
import { serveCommand } from "./serveCommand.js";
import { statusCommand } from "./statusCommand.js";
import { UsageError } from "./UsageError.js";

const COMMANDS: readonly CliCommand[] = [
  credentialProcessCommand,
  envCommand,
  execCommand,
  serveCommand,
  statusCommand,
  loginCommand,
  logoutCommand,
  listCommand,
];

const MAIN_HELP = `Usage: aws-sso-creds COMMAND [OPTIONS]

AWS IAM Identity Center (SSO) credentials for scripts, shells and local Lambda runs, from the
token cache shared with the AWS CLI (log in with "aws-sso-creds login", or the AWS CLI v2's
"aws sso login"). The SSO token is refreshed when it needs to be, under the same cross-process
lock as the aws-sso-credential-provider library.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(20)}${command.summary}`).join("\n")}

Every command takes --profile P (default: AWS_PROFILE, else "default"), --verbose and --help.
Output goes to stdout; errors, warnings and progress to stderr.

  aws-sso-creds COMMAND --help    help for one command
  aws-sso-creds --version         the version

${EXIT_CODES_HELP}
`;

/** Runs one `aws-sso-creds` command line; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const separator = argv.indexOf("--");
  const verbose = (separator === -1 ? argv : argv.slice(0, separator)).includes("--verbose");
  try {
    const [name, ...args] = argv;
    if (name === undefined) {
      io.stderr.write(MAIN_HELP);
      return ExitCode.Usage;
    }
    if (name === "--version" || name === "-V") {
      io.stdout.write(`${io.version}\n`);
      return ExitCode.Success;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const topic = args[0] === undefined ? undefined : findCommand(args[0]);
      io.stdout.write(topic?.help ?? MAIN_HELP);
      return ExitCode.Success;
    }
    return await findCommand(name).run(args, io);
  } catch (error) {
    return reportError(error, io, verbose);
  }
}

function findCommand(name: string): CliCommand {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    throw new UsageError(`unknown command "${name}": use one of ${COMMANDS.map((candidate) => candidate.name).join(", ")}`);
  }
  return command;
}
