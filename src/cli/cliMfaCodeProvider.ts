import { MfaCodeRequiredError } from "../errors/MfaCodeRequiredError.js";
import type { MfaCodeProvider } from "../role-credentials/RoleAssumer.js";
import type { CliIo } from "./CliIo.js";

/**
 * The CLI's `mfaCodeProvider`: on a terminal, asks for the code on stderr and reads one line from
 * stdin; otherwise (credential_process, a pipe, a script) there is nobody to ask, and the error says
 * what to do instead.
 */
export function cliMfaCodeProvider(io: CliIo, profile: string): MfaCodeProvider {
  return async (mfaSerial) => {
    const stdin = io.stdin;
    if (stdin === undefined || stdin.isTTY !== true) {
      throw new MfaCodeRequiredError({
        profile,
        mfaSerial,
        fix:
          `Run "aws-sso-creds env --profile ${profile}" (or exec) in a terminal to be asked for the code; ` +
          "a process without a terminal (credential_process, a pipe, a script) cannot ask. The credentials are then cached " +
          "(~/.aws/cli/cache) until they expire, for every process.",
      });
    }
    const { createInterface } = await import("node:readline");
    const lines = createInterface({ input: stdin, terminal: false });
    try {
      io.stderr.write(`Enter MFA code for ${mfaSerial}: `);
      const line = await new Promise<string | undefined>((resolve) => {
        lines.once("line", resolve);
        lines.once("close", () => resolve(undefined));
      });
      if (line === undefined || line.trim() === "") {
        throw new MfaCodeRequiredError({ profile, mfaSerial, fix: "No code was entered: run the command again and type the device's current code." });
      }
      return line.trim();
    } finally {
      lines.close();
    }
  };
}
