// Runs the BUILT `aws-sso-creds` (dist/cjs/cli/bin.js) as a real process against an in-process
// emulator, in a temporary home. `npm run build` first (npm test does).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import { IdentityCenterEmulator, type EmulatorOptions, type IssuedSession, type IssueSessionOptions } from "../emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken, type SsoFixture } from "../helpers/ssoFixture.js";

export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(PACKAGE_ROOT, "dist", "cjs", "cli", "bin.js");
export const START_URL = "https://emulator.awsapps.com/start";
/** Long enough for a cold start of node and the SDK on a loaded 2-core machine. */
export const PROCESS_TIMEOUT_MS = 60_000;

export function assertBuilt(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a CLI run: only what the test sets (no AWS_* of the machine running the tests),
 * endpoints on the emulator, and no instance metadata lookups.
 */
export function cliEnv(fixture: SsoFixture, endpoint: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: fixture.home,
    AWS_CONFIG_FILE: fixture.configPath,
    AWS_SHARED_CREDENTIALS_FILE: join(fixture.home, ".aws", "credentials"),
    AWS_ENDPOINT_URL_SSO: endpoint,
    AWS_ENDPOINT_URL_SSO_OIDC: endpoint,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

/** A running CLI process, its output collected as it comes. */
export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the exit; the process is killed (SIGKILL) if it outlives PROCESS_TIMEOUT_MS. */
  done: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains `text` (rejects if the process exits first). */
  waitForStdout(text: string): Promise<void>;
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_TIMEOUT_MS);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      for (const waiter of [...waiters]) waiter();
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    done,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (stdout.includes(text)) {
            waiters.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(new Error(`exited before printing ${JSON.stringify(text)}; stdout: ${stdout}; stderr: ${stderr}`));
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli(args, env).done;
}

export interface CliWorld {
  emu: IdentityCenterEmulator;
  fixture: SsoFixture;
  session: IssuedSession;
  /** The token cache file of session `my-sso`. */
  cachePath: string;
  env: NodeJS.ProcessEnv;
  run(args: readonly string[], extraEnv?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** The SSO secrets handed out so far: tokens and client secret, the cache file's current ones included. */
  secrets(): string[];
}

export interface CliWorldOptions {
  emulator?: EmulatorOptions;
  session?: IssueSessionOptions;
  /** The config file; default profile `dev` on session `my-sso`, region eu-west-1. */
  config?: string;
  /** Write no token cache file. */
  noToken?: boolean;
}

/** An emulator and a temporary home with profile `dev` (session `my-sso`) and its cached token; removed after the test. */
export async function cliWorld(t: TestContext, options: CliWorldOptions = {}): Promise<CliWorld> {
  assertBuilt();
  const emu = new IdentityCenterEmulator(options.emulator);
  await emu.start();
  const fixture = await makeSsoFixture(options.config ?? sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" }));
  t.after(async () => {
    await emu.stop();
    await fixture.cleanup();
  });
  const session = emu.issueSession({ startUrl: START_URL, ...options.session });
  const cachePath = options.noToken === true ? "" : await writeCachedToken(fixture.cacheDir, "my-sso", session);
  const env = cliEnv(fixture, emu.url);
  return {
    emu,
    fixture,
    session,
    cachePath,
    env,
    run: (args, extraEnv = {}) => runCli(args, { ...env, ...extraEnv }),
    secrets: () => {
      const values = [session.accessToken, session.refreshToken, session.clientSecret, ...emu.issuedRefreshTokens];
      if (cachePath !== "" && existsSync(cachePath)) {
        let cached: Record<string, unknown> = {};
        try {
          cached = JSON.parse(readFileSync(cachePath, "utf8")) as Record<string, unknown>;
        } catch {
          // A test broke the file on purpose.
        }
        for (const field of ["accessToken", "refreshToken", "clientSecret"]) {
          if (typeof cached[field] === "string") values.push(cached[field]);
        }
      }
      return values.filter((value) => value !== "");
    },
  };
}

/** Fails if any of `secrets` appears in `text`. */
export function assertNoSecret(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 4)}…) appears in ${where}`);
  }
}

/**
 * Runs the CLI on a pseudo-terminal (stdout and stderr both), through util-linux script(1); resolves
 * with what the terminal showed, line ends as "\n". Asynchronous, so an in-process emulator keeps answering.
 */
export async function runCliOnTerminal(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return startCliOnTerminal(args, env).done;
}

/** A CLI process on a pseudo-terminal, what the terminal shows collected as it comes. */
export interface TerminalCliProcess {
  /** Resolves with the exit code and all the terminal showed; the process is killed if it outlives PROCESS_TIMEOUT_MS. */
  done: Promise<{ code: number | null; output: string }>;
  /** What the terminal has shown so far, line ends as "\n". */
  output(): string;
  /** Resolves once the terminal shows a match for `pattern` (rejects if the process exits first). */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** As {@link runCliOnTerminal}, for a test that acts while the CLI runs. */
export function startCliOnTerminal(args: readonly string[], env: NodeJS.ProcessEnv): TerminalCliProcess {
  const words = [process.execPath, BIN, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(" ");
  // `exec`: the shell script(1) starts replaces itself with the CLI, so no shell stands between the
  // terminal and the CLI (a shell would react to terminal signals on its own).
  const child = spawn("script", ["-qec", `exec ${words}`, "/dev/null"], { env: { TERM: "xterm", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const waiters = new Set<() => void>();
  const append = (chunk: string): void => {
    output += chunk;
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout.setEncoding("utf8").on("data", append);
  child.stderr.setEncoding("utf8").on("data", append);
  const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_TIMEOUT_MS);
  const shown = (): string => output.replace(/\r\n/g, "\n");
  const done = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode) => {
      clearTimeout(timer);
      for (const waiter of [...waiters]) waiter();
      resolve({ code: exitCode, output: shown() });
    });
  });
  return {
    done,
    output: shown,
    waitForOutput: (pattern) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = (): void => {
          const match = shown().match(pattern);
          if (match !== null) {
            waiters.delete(check);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(new Error(`exited before showing ${String(pattern)}; the terminal showed: ${shown()}`));
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

/** The absolute path of a program on PATH, or undefined. */
export function which(program: string): string | undefined {
  const result = spawnSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" });
  const path = result.stdout.trim();
  return result.status === 0 && path.startsWith("/") ? path : undefined;
}
