import { loadSharedConfig } from "../config/loadSharedConfig.js";
import type { CliCommand } from "./CliCommand.js";
import { ExitCode } from "./ExitCode.js";
import { parseCommandLine } from "./parseCommandLine.js";

const NAME = "__complete";
const KINDS = ["profiles", "sso-sessions"] as const;
const OPTIONS = {} as const;

/**
 * `__complete profiles|sso-sessions`: the names the completion scripts offer for --profile and
 * --sso-session, one a line, read from the config and credentials files at the moment Tab is pressed.
 * Reads the two files and nothing else (no SDK client is loaded); says nothing and exits 0 when they
 * cannot be read, as a completion must not print errors into the command line being typed.
 */
export const completeCommand: CliCommand = {
  name: NAME,
  summary: "names for the completion scripts",
  help: `Usage: aws-sso-creds __complete ${KINDS.join("|")}\n\nFor the completion scripts: the profile or sso-session names of the config, one a line.\n`,
  options: OPTIONS,
  operands: KINDS,
  hidden: true,
  async run(args, io) {
    const { positionals } = parseCommandLine(NAME, { args, options: OPTIONS, allowPositionals: true });
    const kind = positionals[0];
    let names: string[] = [];
    try {
      const { config } = await loadSharedConfig({ env: io.env });
      if (kind === "profiles") names = [...config.profiles.keys()];
      else if (kind === "sso-sessions") names = [...config.ssoSessions.keys()];
    } catch {
      names = [];
    }
    io.stdout.write(names.map((name) => `${name}\n`).join(""));
    return ExitCode.Success;
  },
};
