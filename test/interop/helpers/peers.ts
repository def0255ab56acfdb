import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import type { SsoFixture } from "../../helpers/ssoFixture.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/interop/", import.meta.url));
const BOTOCORE_PEER = join(FIXTURES, "botocore_peer.py");
const JS_SDK_PEER = join(FIXTURES, "jsSdkPeer.mjs");
const OUR_PEER = join(FIXTURES, "ourPeer.mjs");
const BUILT = fileURLToPath(new URL("../../../dist/esm/index.js", import.meta.url));

/** Who runs in a peer process: this package (built), the JS SDK's own fromSSO, or botocore/boto3. */
export type PeerKind = "ours" | "js-sdk" | "botocore";

/** What a peer prints when it is done. Never a token or secret (the peers make sure of it). */
export interface PeerResult {
  type: "result";
  ok: boolean;
  accessKeyId?: string;
  error?: { name?: string; message?: string; serviceCode?: string };
  /** ours: our provider's log lines. */
  log?: { level: string; message: string; atMs: number }[];
  /** botocore: its own "SSO Token refresh succeeded" / "attempt failed" lines were seen. */
  refreshed?: boolean;
  refreshFailed?: boolean;
  /** js-sdk: CreateToken calls, by outcome, as the SDK client's logger saw them. */
  createToken?: { ok: number; failed: number };
  /** botocore load-token / write-token. */
  [field: string]: unknown;
}

/** A Python with botocore, boto3 and dateutil, or why there is none. Found once per test file. */
export type PythonProbe = { python: string; botocoreVersion: string } | { missing: string };

let probe: PythonProbe | undefined;

/**
 * Looks for `python3` (`INTEROP_PYTHON` to choose another) that can import botocore and boto3.
 * Its real executable is kept: a pyenv shim needs the real HOME, which the peers do not get.
 */
export function findBotocore(): PythonProbe {
  if (probe !== undefined) return probe;
  const command = process.env.INTEROP_PYTHON ?? "python3";
  const run = spawnSync(command, ["-c", "import sys, boto3, botocore, dateutil; print(sys.executable); print(botocore.__version__)"], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.error !== undefined) {
    probe = { missing: `${command} could not be run (${(run.error as NodeJS.ErrnoException).code ?? run.error.message})` };
  } else if (run.status !== 0) {
    const why = run.stderr.trim().split("\n").at(-1) ?? `exit ${run.status}`;
    probe = { missing: `${command} cannot import boto3/botocore (${why})` };
  } else {
    const [python = command, botocoreVersion = "?"] = run.stdout.trim().split("\n");
    probe = { python, botocoreVersion };
  }
  return probe;
}

/** The built package must exist: our peers run dist/, as an installed copy would. */
export function assertBuilt(): void {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first (npm test does)`);
}

/**
 * The environment of a peer: the parent's, minus every AWS_* variable (a developer's
 * AWS_PROFILE, AWS_CA_BUNDLE or keys must not leak in), with HOME, the config and credentials
 * files in the fixture, both SSO endpoints on the emulator, and no instance metadata lookups
 * (botocore's chain would go on to 169.254.169.254 if the SSO provider declined).
 */
export function peerEnv(fixture: SsoFixture, emulatorUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("AWS_") && name !== "BOTO_CONFIG") env[name] = value;
  }
  return {
    ...env,
    HOME: fixture.home,
    USERPROFILE: fixture.home,
    AWS_CONFIG_FILE: fixture.configPath,
    AWS_SHARED_CREDENTIALS_FILE: join(fixture.home, ".aws", "credentials"),
    AWS_ENDPOINT_URL_SSO: emulatorUrl,
    AWS_ENDPOINT_URL_SSO_OIDC: emulatorUrl,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

const RESULT_TIMEOUT_MS = 120_000;

/**
 * One peer process. It reads its request (one JSON line) from stdin, and with `wait: true`
 * prints `ready` once loaded and waits for {@link PeerProcess.go}. Stops by itself after its result.
 */
export class PeerProcess {
  readonly kind: PeerKind;
  readonly ready: Promise<void>;
  readonly result: Promise<PeerResult>;
  readonly #child: ChildProcessWithoutNullStreams;
  #stderr = "";

  private constructor(kind: PeerKind, child: ChildProcessWithoutNullStreams, request: Record<string, unknown>) {
    this.kind = kind;
    this.#child = child;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (this.#stderr.length < 20_000) this.#stderr += chunk;
    });
    const messages = createInterface({ input: child.stdout });
    // "close", not "exit": a child can exit before the parent has read its last line from the pipe.
    const exited = new Promise<string>((resolve) => {
      child.once("error", (error) => resolve(`could not start: ${error.message}`));
      child.once("close", (code, signal) => resolve(`exited (${code ?? signal})`));
    });
    let onReady: () => void = () => undefined;
    let onResult: (result: PeerResult) => void = () => undefined;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    const result = new Promise<PeerResult>((resolve) => (onResult = resolve));
    messages.on("line", (line) => {
      let message: { type?: string };
      try {
        message = JSON.parse(line) as { type?: string };
      } catch {
        return; // not ours: a library printing to stdout
      }
      if (message.type === "ready") onReady();
      if (message.type === "result") onResult(message as PeerResult);
    });
    const failure = (what: string) =>
      exited.then((how) => {
        throw new Error(`${kind} peer ${how} before ${what}; stderr: ${this.#stderr.slice(-2000)}`);
      });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`${kind} peer gave no result within ${RESULT_TIMEOUT_MS} ms; stderr: ${this.#stderr.slice(-2000)}`));
      }, RESULT_TIMEOUT_MS);
      timer.unref();
    });
    this.ready = Promise.race([ready, failure("ready"), timeout]);
    this.result = Promise.race([result, failure("its result"), timeout]).finally(() => clearTimeout(timer));
    // Unhandled rejections of the branch not awaited must not crash the test process.
    this.ready.catch(() => undefined);
    this.result.catch(() => undefined);
    child.stdin.write(`${JSON.stringify(request)}\n`);
  }

  /** Starts a peer. For botocore, `python` comes from {@link findBotocore}. */
  static start(kind: PeerKind, command: string, request: Record<string, unknown>, env: NodeJS.ProcessEnv, python?: string): PeerProcess {
    let child: ChildProcessWithoutNullStreams;
    if (kind === "botocore") {
      if (python === undefined) throw new Error("a botocore peer needs the python found by findBotocore()");
      child = spawn(python, [BOTOCORE_PEER, command], { env, stdio: "pipe" });
    } else {
      child = spawn(process.execPath, [kind === "ours" ? OUR_PEER : JS_SDK_PEER, command], { env, stdio: "pipe" });
    }
    return new PeerProcess(kind, child, request);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get stderr(): string {
    return this.#stderr;
  }

  go(): void {
    this.#child.stdin.write("go\n");
  }

  /** Ends the process if it still runs. */
  stop(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill("SIGKILL");
  }
}

/** Runs one peer to its result (no ready/go round). */
export async function runPeer(
  kind: PeerKind,
  command: string,
  request: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  python?: string,
): Promise<PeerResult> {
  const peer = PeerProcess.start(kind, command, request, env, python);
  try {
    return await peer.result;
  } finally {
    peer.stop();
  }
}

/** Runs the AWS CLI v1 (`python -m awscli ARGS`, the installed `aws`) to its end, without blocking the emulator in this process. */
export function runAwsCliV1(
  python: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ["-m", "awscli", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), RESULT_TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
