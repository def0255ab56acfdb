import { parseArgs } from "node:util";

import type { CliCommand } from "./CliCommand.js";
import type { CliIo } from "./CliIo.js";
import { COLOUR_HELP } from "./colourEnabled.js";
import { GLOBAL_OPTIONS_HELP } from "./commonOptions.js";
import { completeCommand } from "./completeCommand.js";
import { completionCommand } from "./completionCommand.js";
import { credentialProcessCommand } from "./credentialProcessCommand.js";
import { didYouMean } from "./didYouMean.js";
import { envCommand } from "./envCommand.js";
import { execCommand } from "./execCommand.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { listCommand } from "./listCommand.js";
import { loginCommand } from "./loginCommand.js";
import { logoutCommand } from "./logoutCommand.js";
import { reportError } from "./reportError.js";
import { serveCommand } from "./serveCommand.js";
import { splitCommandArgs } from "./splitCommandArgs.js";
import { statusCommand } from "./statusCommand.js";
import { UsageError } from "./UsageError.js";

/** The commands, in the order the help lists them. */
export const COMMANDS: readonly CliCommand[] = [
  credentialProcessCommand,
  envCommand,
  execCommand,
  serveCommand,
  statusCommand,
  loginCommand,
  logoutCommand,
  listCommand,
  completionCommand(() => COMMANDS),
  completeCommand,
];

const VISIBLE = (): CliCommand[] => COMMANDS.filter((command) => command.hidden !== true);

const MAIN_HELP = (): string => `Usage: aws-sso-creds [GLOBAL OPTIONS] COMMAND [OPTIONS]

AWS IAM Identity Center (SSO) credentials for scripts, shells, containers and local Lambda runs,
from the token cache shared with the AWS CLI (log in with "aws-sso-creds login", or the AWS CLI
v2's "aws sso login"). The SSO token is refreshed when it needs to be, under the same
cross-process lock as the aws-sso-credential-provider library.

Commands:
${VISIBLE()
  .map((command) => `  ${command.name.padEnd(20)}${command.summary}`)
  .join("\n")}

${GLOBAL_OPTIONS_HELP}

Output goes to stdout; errors, warnings and progress to stderr. Help goes to stdout, with exit 0.

  aws-sso-creds COMMAND --help    help for one command (or: aws-sso-creds help COMMAND)
  aws-sso-creds completion bash   tab completion for bash (zsh, fish: see completion --help)

${COLOUR_HELP}

${EXIT_CODES_HELP}
`;

/** Runs one `aws-sso-creds` command line; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let verbose = false;
  try {
    const { leading, name, rest } = locateCommand(argv);
    verbose = leading.includes("--verbose");
    if (name === undefined) {
      const flags = optionTokens(leading, undefined);
      if (flags.has("version")) return writeOut(io, `${io.version}\n`);
      if (flags.has("help")) return writeOut(io, MAIN_HELP());
      if (leading.length === 0) {
        io.stderr.write(MAIN_HELP());
        return ExitCode.Usage;
      }
      throw new UsageError(`no command: put one after the options (${VISIBLE().map((command) => command.name).join(", ")})`);
    }
    if (name === "help") {
      const topic = rest.find((arg) => !arg.startsWith("-"));
      return writeOut(io, topic === undefined ? MAIN_HELP() : findCommand(topic).help);
    }
    const command = findCommand(name);
    // Options given before the command are the command's own: `--profile dev env` is `env --profile dev`.
    const args = [...leading, ...rest];
    const own = command.operands === "command" ? splitCommandArgs(args, command.options).own : beforeSeparator(args);
    const flags = optionTokens(own, command);
    verbose = flags.has("verbose");
    if (flags.has("help")) return writeOut(io, command.help);
    if (flags.has("version")) return writeOut(io, `${io.version}\n`);
    return await command.run(args, io);
  } catch (error) {
    return reportError(error, io, verbose);
  }
}

function writeOut(io: CliIo, text: string): number {
  io.stdout.write(text);
  return ExitCode.Success;
}

/**
 * Splits the command line at the command's name: the options before it (with their values; an option
 * takes a value when some command's option of that name does), the name, and the rest.
 */
function locateCommand(argv: readonly string[]): { leading: string[]; name: string | undefined; rest: string[] } {
  const takesValue = new Set<string>();
  for (const command of COMMANDS) {
    for (const [optionName, option] of Object.entries(command.options)) {
      if (option.type !== "string") continue;
      takesValue.add(`--${optionName}`);
      if (option.short !== undefined) takesValue.add(`-${option.short}`);
    }
  }
  const leading: string[] = [];
  let index = 0;
  while (index < argv.length) {
    const arg = argv[index] as string;
    if (arg === "--" || !arg.startsWith("-") || arg === "-") break;
    leading.push(arg);
    if (takesValue.has(arg) && index + 1 < argv.length) leading.push(argv[++index] as string);
    index++;
  }
  const name = argv[index] === "--" ? undefined : argv[index];
  return { leading, name, rest: argv.slice(index + 1) };
}

function beforeSeparator(args: readonly string[]): string[] {
  const separator = args.indexOf("--");
  return separator === -1 ? [...args] : args.slice(0, separator);
}

/** The names of the options (long names, `-h` as `help`) among `args`, read leniently: the command's own parse judges them. */
function optionTokens(args: readonly string[], command: CliCommand | undefined): Set<string> {
  const options = { ...command?.options, help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "V" }, verbose: { type: "boolean" } } as const;
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  return new Set(tokens.flatMap((token) => (token.kind === "option" ? [token.name] : [])));
}

function findCommand(name: string): CliCommand {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command !== undefined) return command;
  const names = VISIBLE().map((candidate) => candidate.name);
  const hint = didYouMean(name, [...names, "help"]);
  throw new UsageError(hint === "" ? `unknown command "${name}": use one of ${names.join(", ")}` : `unknown command "${name}"${hint}; the commands: ${names.join(", ")}`);
}
