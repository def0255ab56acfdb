import { bashCompletionScript } from "./bashCompletionScript.js";
import type { CliCommand } from "./CliCommand.js";
import { completionModel } from "./completionModel.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { fishCompletionScript } from "./fishCompletionScript.js";
import { parseCommandLine } from "./parseCommandLine.js";
import { UsageError } from "./UsageError.js";
import { zshCompletionScript } from "./zshCompletionScript.js";

const NAME = "completion";
const SHELLS = ["bash", "zsh", "fish"] as const;

const OPTIONS = {
  verbose: { type: "boolean" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
} as const;

const HELP = `Usage: aws-sso-creds completion bash|zsh|fish

Prints a tab-completion script for the shell: the commands, each command's options, the formats,
and the profile and sso-session names of your config (~/.aws/config, or AWS_CONFIG_FILE), read
when you press Tab (by "aws-sso-creds __complete", which reads the files and nothing else).
After exec's command, that command's own completion takes over.

  bash   in ~/.bashrc:   source <(aws-sso-creds completion bash)
  zsh    in ~/.zshrc, after compinit:   source <(aws-sso-creds completion zsh)
  fish   aws-sso-creds completion fish > ~/.config/fish/completions/aws-sso-creds.fish

The script calls aws-sso-creds by that name: it must be on PATH (npm install --global).

Options:
  -h, --help    this help

${EXIT_CODES_HELP}
`;

/** `completion`: the completion script for a shell, made from the commands themselves. */
export function completionCommand(commands: () => readonly CliCommand[]): CliCommand {
  return {
    name: NAME,
    summary: "print a tab-completion script for bash, zsh or fish",
    help: HELP,
    options: OPTIONS,
    operands: SHELLS,
    async run(args, io) {
      const { positionals } = parseCommandLine(NAME, { args, options: OPTIONS, allowPositionals: true });
      const [shell, ...extra] = positionals;
      if (shell === undefined) throw new UsageError(`which shell? ${SHELLS.join(", ")}`, NAME);
      if (extra.length > 0) throw new UsageError(`one shell only, not "${positionals.join(" ")}"`, NAME);
      const model = completionModel(commands());
      switch (shell) {
        case "bash":
          io.stdout.write(bashCompletionScript(model, io.version));
          break;
        case "zsh":
          io.stdout.write(zshCompletionScript(model, io.version));
          break;
        case "fish":
          io.stdout.write(fishCompletionScript(model, io.version));
          break;
        default:
          throw new UsageError(`no completion for "${shell}": use one of ${SHELLS.join(", ")}`, NAME);
      }
      return ExitCode.Success;
    },
  };
}
