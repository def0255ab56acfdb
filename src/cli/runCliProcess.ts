import { findPackageVersion } from "./findPackageVersion.js";
import { runCli } from "./runCli.js";

/** The `aws-sso-creds` process: everything is in runCli; this only wires the process to it. */
export function runCliProcess(): void {
  // The AWS SDK for JavaScript writes a nine-line NodeVersionSupportWarning to stderr, once per process,
  // when it creates a client on a Node.js version its later releases drop (@aws-sdk/core,
  // emitWarningIfUnsupportedVersion). This process opts out: the variable below is the one the SDK reads,
  // and only the value "true" counts. The SDK reads it each time a client is created, so setting it here,
  // before runCli creates any, is enough. The one-line form of the notice is sdkNodeSupportNotice, for `status`.
  // What `exec` runs gets the environment the user gave: a program of theirs that loads its own SDK
  // decides for itself whether that notice is shown.
  const SDK_NODE_WARNING_OPT_OUT = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";
  const userEnv = process.env[SDK_NODE_WARNING_OPT_OUT] === "true" ? process.env : { ...process.env };
  process.env[SDK_NODE_WARNING_OPT_OUT] = "true";

  // A reader that goes away (`aws-sso-creds status | head -1`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  void runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    // Made only when asked for (an MFA prompt): creating it costs, and exec's command inherits fd 0 anyway.
    get stdin() {
      return process.stdin;
    },
    env: userEnv,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    get version() {
      return findPackageVersion(process.argv[1]);
    },
  }).then((code) => {
    process.exitCode = code;
  });
}
