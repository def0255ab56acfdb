import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { assertBuilt, PACKAGE_ROOT, runCli } from "./cliHarness.js";

const COMMANDS = ["credential-process", "env", "exec", "status"];
const ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

test("--version prints the package's version", async () => {
  assertBuilt();
  const { version } = JSON.parse(readFileSync(`${PACKAGE_ROOT}/package.json`, "utf8")) as { version: string };
  for (const flag of ["--version", "-V"]) {
    const result = await runCli([flag], ENV);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${version}\n`);
    assert.equal(result.stderr, "");
  }
});

test("--help lists every command and the exit codes", async () => {
  assertBuilt();
  for (const args of [["--help"], ["-h"], ["help"]]) {
    const result = await runCli(args, ENV);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Usage: aws-sso-creds COMMAND \[OPTIONS\]/);
    for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`^  ${command} +\\S`, "m"));
    for (const code of [0, 64, 78, 77, 69, 74, 70]) assert.match(result.stdout, new RegExp(`^  ${code} +\\S`, "m"));
  }
});

test("every command has --help, -h and help COMMAND, on stdout, exit 0, with its usage and the exit codes", async () => {
  assertBuilt();
  for (const command of COMMANDS) {
    const outputs: string[] = [];
    for (const args of [[command, "--help"], [command, "-h"], ["help", command], [command, "--profile", "x", "--help"]]) {
      const result = await runCli(args, ENV);
      assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      assert.equal(result.stderr, "");
      assert.match(result.stdout, new RegExp(`^Usage: aws-sso-creds ${command} `));
      assert.match(result.stdout, /^Exit codes:$/m);
      assert.match(result.stdout, /--profile P/);
      outputs.push(result.stdout);
    }
    assert.equal(new Set(outputs).size, 1, `${command}: the same help every way`);
  }
  const exec = await runCli(["exec", "--help"], ENV);
  assert.match(exec.stdout, /credential_process/, "exec's help says what to use for long-running commands");
  assert.match(exec.stdout, /AWS_CONTAINER_CREDENTIALS_FULL_URI/);
});
