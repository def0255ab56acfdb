// The help texts: every command's, on stdout with exit 0 however it is asked for; the main help lists
// every command; every help has the one exit-code table and documents the command's options; no help
// points at a file only this repository has.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { EXIT_CODES_HELP, ExitCode } from "../../src/cli/ExitCode.js";
import { COMMANDS } from "../../src/cli/runCli.js";
import { assertBuilt, PACKAGE_ROOT, runCli } from "./cliHarness.js";

const VISIBLE = COMMANDS.filter((command) => command.hidden !== true);
const ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
/** Documented once, in the main help's global options (status and list, which have colour, repeat --no-color). */
const globalOnly = (option: string, command: string): boolean =>
  option === "version" || (option === "no-color" && command !== "status" && command !== "list") || (option === "verbose" && command === "completion");

test("the commands are the ones the issue and the README name", () => {
  assert.deepEqual(
    VISIBLE.map((command) => command.name),
    ["credential-process", "env", "exec", "serve", "status", "login", "logout", "list", "completion"],
  );
});

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

test("--help lists every command, the global options, the colour rule and the exit codes", async () => {
  assertBuilt();
  for (const args of [["--help"], ["-h"], ["help"]]) {
    const result = await runCli(args, ENV);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /^Usage: aws-sso-creds \[GLOBAL OPTIONS\] COMMAND \[OPTIONS\]/);
    for (const command of VISIBLE) assert.match(result.stdout, new RegExp(`^ {2}${command.name} +${escape(command.summary)}$`, "m"));
    assert.doesNotMatch(result.stdout, /__complete/);
    assert.match(result.stdout, /^Global options, before or after the command:$/m);
    for (const flag of ["--profile P", "--verbose", "--no-color", "-h, --help", "-V, --version"]) assert.ok(result.stdout.includes(`  ${flag} `), flag);
    assert.match(result.stdout, /^Colours \(status and list tables\)/m);
    assert.ok(result.stdout.includes(EXIT_CODES_HELP));
  }
  // Bare: the help, as a usage error, on stderr.
  const bare = await runCli([], ENV);
  assert.equal(bare.code, 64);
  assert.equal(bare.stdout, "");
  assert.match(bare.stderr, /^Usage: aws-sso-creds /);
});

test("the exit-code table names every exit code there is", () => {
  for (const code of Object.values(ExitCode)) {
    assert.match(EXIT_CODES_HELP, new RegExp(`(^ {2}${code} )|\\b${code} `, "m"), `exit code ${code}`);
  }
});

test("every command's help: the same text every way it is asked for, on stdout, exit 0; its usage, options and the exit codes", async () => {
  assertBuilt();
  for (const command of VISIBLE) {
    const outputs: string[] = [];
    const ways = [[command.name, "--help"], [command.name, "-h"], ["help", command.name], ["--help", command.name], ["--verbose", command.name, "--help"]];
    if ("profile" in command.options) ways.push(["--profile", "x", command.name, "--help"], [command.name, "--profile", "x", "-h"]);
    for (const args of ways) {
      const result = await runCli(args, ENV);
      assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      assert.equal(result.stderr, "", args.join(" "));
      outputs.push(result.stdout);
    }
    assert.equal(new Set(outputs).size, 1, `${command.name}: the same help every way`);
    const help = outputs[0] as string;
    assert.equal(help, command.help);
    assert.match(help, new RegExp(`^Usage: aws-sso-creds ${command.name}( |$)`, "m"));
    assert.ok(help.includes(EXIT_CODES_HELP), `${command.name}: the one exit-code table`);
    for (const [name, option] of Object.entries(command.options)) {
      if (globalOnly(name, command.name)) continue;
      assert.match(help, new RegExp(`^ +(-${option.short ?? "\\0"}, )?--${name}\\b`, "m"), `${command.name} --help documents --${name}`);
    }
    // Paths a user of the package has: not the repository's examples/, docs/, test/ or src/.
    assert.doesNotMatch(help, /(^|[\s(])(\.\/)?(examples|docs|test|src)\/\S/m, `${command.name} --help shows only paths a user has`);
  }
  const exec = await runCli(["exec", "--help"], ENV);
  assert.match(exec.stdout, /credential_process/, "exec's help says what to use for long-running commands");
  assert.match(exec.stdout, /AWS_CONTAINER_CREDENTIALS_FULL_URI/);
  assert.match(exec.stdout, /SIGINT, SIGTERM, SIGHUP and SIGQUIT are passed on/);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
