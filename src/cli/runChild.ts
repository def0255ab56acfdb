import { constants } from "node:os";

import { ExitCode } from "./ExitCode.js";

/**
 * Signals the CLI outlives, passing them on to the child where it would not get them already. Each would
 * otherwise end this process and leave the child running on its own, without anyone to wait for it
 * (SIGQUIT: Ctrl-\, or a JVM's thread dump request, which the child is meant to get).
 */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = Object.freeze(["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"]);

export interface RunChildOptions {
  env: NodeJS.ProcessEnv;
  /** Where to say that the command could not be started. */
  stderr: { write(text: string): unknown };
}

/**
 * Runs `command` with the terminal (stdin, stdout, stderr) of this process, sees that it gets SIGINT,
 * SIGTERM, SIGHUP and SIGQUIT once each, and resolves with its exit code: its own code, 128 + the signal's
 * number if a signal ended it, 127 if the command was not found and 126 if it could not be run. If this
 * process exits while the command still runs (an uncaught error, a process.exit elsewhere), the command
 * gets SIGTERM first rather than being left behind.
 */
export async function runChild(command: string, args: readonly string[], options: RunChildOptions): Promise<number> {
  // Loaded here: child_process costs a few ms to load, and only exec needs it.
  const { spawn } = await import("node:child_process");
  return new Promise<number>((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: options.env });
    // A terminal sends Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT) and hang-up (SIGHUP) to its whole foreground process group,
    // the command included: passing them on again would make the command see each one twice (and
    // tools such as terraform take a second Ctrl-C as "stop now"). With a terminal they only keep
    // this process alive until the command exits; without one they were sent to this process alone
    // and are passed on. SIGTERM (kill, docker stop) goes to one process and is always passed on.
    const fromTerminal = process.stdin.isTTY === true;
    const forward = (signal: NodeJS.Signals): void => {
      if (fromTerminal && signal !== "SIGTERM") return;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    // Not the command's orphan: whatever makes this process exit first ends it too.
    const endChild = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    };
    process.on("exit", endChild);
    let settled = false;
    const finish = (code: number): void => {
      if (settled) return;
      settled = true;
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      process.off("exit", endChild);
      resolve(code);
    };
    child.once("error", (error: NodeJS.ErrnoException) => {
      // Only a failure to start leaves no exit to wait for.
      if (child.pid !== undefined) return;
      const notFound = error.code === "ENOENT";
      options.stderr.write(
        `aws-sso-creds: ${notFound ? "command not found" : `cannot run the command (${error.code ?? error.message})`}: ${command}\n`,
      );
      finish(notFound ? ExitCode.CommandNotFound : ExitCode.CannotExecute);
    });
    child.once("exit", (code, signal) => {
      if (code !== null) finish(code);
      else finish(128 + (signal !== null ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
