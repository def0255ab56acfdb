#!/usr/bin/env node
// The `aws-sso-creds` command (package.json "bin"). Everything is in runCli; this only wires the process.
import { findPackageVersion } from "./findPackageVersion.js";
import { runCli } from "./runCli.js";

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
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  get version() {
    return findPackageVersion(process.argv[1]);
  },
}).then((code) => {
  process.exitCode = code;
});
