// The command line as a newcomer types it: global options before or after the command, a "did you
// mean" for a mistyped command or option, --help and --version anywhere, empty values refused, and
// colours as --no-color, NO_COLOR and FORCE_COLOR say. The built CLI, run as a process.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { EmulatorAccount } from "../emulator/index.js";
import { cliWorld, type CliResult } from "./cliHarness.js";

const ESC = "\u001b";

function assertUsage(result: CliResult, message: RegExp, help: string): void {
  assert.equal(result.code, 64, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, message);
  assert.ok(result.stderr.endsWith(`Run "${help}" for usage.\n`), result.stderr);
}

test("global options work before the command as after it", async (t) => {
  const w = await cliWorld(t);
  const after = await w.run(["env", "--profile", "dev"]);
  assert.equal(after.code, 0, after.stderr);
  for (const args of [
    ["--profile", "dev", "env"],
    ["--profile=dev", "env"],
    ["--verbose", "--profile", "dev", "env"],
    ["--no-color", "--profile", "dev", "env", "--format", "sh"],
  ]) {
    const before = await w.run(args);
    assert.equal(before.code, 0, `${args.join(" ")}: ${before.stderr}`);
    assert.match(before.stdout, /^export AWS_ACCESS_KEY_ID='/m, args.join(" "));
  }
  const verbose = await w.run(["--verbose", "--profile", "dev", "credential-process"]);
  assert.match(verbose.stderr, /^aws-sso-creds: credentials for role ReadOnly in account \d+/m, "--verbose before the command counts");
  const exec = await w.run(["--profile", "dev", "exec", "--", "sh", "-c", 'test -n "$AWS_ACCESS_KEY_ID"']);
  assert.equal(exec.code, 0, exec.stderr);
  const status = await w.run(["--profile", "dev", "status", "--json"]);
  assert.equal(status.code, 0, status.stderr);
  assert.deepEqual(
    (JSON.parse(status.stdout) as { profiles: { profile: string }[] }).profiles.map((profile) => profile.profile),
    ["dev"],
  );
  assertUsage(await w.run(["--profile", "dev"]), /no command: put one after the options/, "aws-sso-creds --help");
});

test("a mistyped command gets a did you mean", async (t) => {
  const w = await cliWorld(t);
  const cases: [string, string][] = [
    ["stauts", "status"],
    ["envv", "env"],
    ["lgoin", "login"],
    ["credential", "credential-process"],
    ["complete", "completion"],
  ];
  for (const [typed, meant] of cases) {
    const result = await w.run([typed, "--profile", "dev"]);
    assertUsage(result, new RegExp(`^aws-sso-creds: unknown command "${typed}" \\(did you mean "${meant}"\\?\\); the commands: credential-process, env, `), "aws-sso-creds --help");
  }
  assertUsage(await w.run(["--profile", "dev", "stauts"]), /unknown command "stauts" \(did you mean "status"\?\)/, "aws-sso-creds --help");
  assertUsage(await w.run(["xyzzy"]), /^aws-sso-creds: unknown command "xyzzy": use one of credential-process, env, exec, serve, status, login, logout, list, completion\n/, "aws-sso-creds --help");
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
});

test("a mistyped option gets the nearest option of that command", async (t) => {
  const w = await cliWorld(t);
  const cases: [string[], string, string][] = [
    [["env", "--profile", "dev", "--formt", "json"], "'--formt' (did you mean --format?)", "env"],
    [["env", "--profle", "dev"], "'--profle' (did you mean --profile?)", "env"],
    [["env", "-profile", "dev"], "'-profile' (did you mean --profile? long options take two dashes)", "env"],
    [["status", "--no-colour"], "'--no-colour' (did you mean --no-color?)", "status"],
    [["login", "--sso-sesion", "my-sso"], "'--sso-sesion' (did you mean --sso-session?)", "login"],
    [["login", "--use-device"], "'--use-device' (did you mean --use-device-code?)", "login"],
    [["exec", "--serv", "--", "true"], "'--serv' (did you mean --serve?)", "exec"],
    [["serve", "--prot", "0"], "'--prot' (did you mean --port?)", "serve"],
    [["logout", "--al"], "'--al' (did you mean --all?)", "logout"],
    [["list", "--jsn"], "'--jsn' (did you mean --json?)", "list"],
    [["completion", "--hlep"], "'--hlep' (did you mean --help?)", "completion"],
  ];
  for (const [args, message, command] of cases) {
    assertUsage(await w.run(args), new RegExp(`^aws-sso-creds: unknown option ${escape(message)}\\n`), `aws-sso-creds ${command} --help`);
  }
  // Options of other commands are not offered: status has no --format.
  assertUsage(await w.run(["status", "--bogus"]), /^aws-sso-creds: unknown option '--bogus'\n/, "aws-sso-creds status --help");
});

test("--help and --version work anywhere before exec's command, on stdout with exit 0", async (t) => {
  const w = await cliWorld(t);
  const envHelp = (await w.run(["env", "--help"])).stdout;
  assert.match(envHelp, /^Usage: aws-sso-creds env /);
  for (const args of [["--help", "env"], ["--profile", "dev", "env", "--help"], ["env", "--profile", "dev", "-h"], ["help", "env"], ["-h", "env"]]) {
    const result = await w.run(args);
    assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    assert.equal(result.stderr, "");
    assert.equal(result.stdout, envHelp, args.join(" "));
  }
  for (const args of [["--version"], ["-V"], ["env", "--version"], ["--profile", "dev", "status", "-V"]]) {
    const result = await w.run(args);
    assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\S*\n$/, args.join(" "));
  }
  // After exec's command, --help is the command's.
  const child = await w.run(["exec", "--profile", "dev", "--", "sh", "-c", 'echo "child got $1"', "sh", "--help"]);
  assert.equal(child.code, 0, child.stderr);
  assert.equal(child.stdout, "child got --help\n");
  assert.equal(w.emu.calls.GetRoleCredentials, 1, "only the exec ran a command");
});

test('--profile "" and --sso-session "" are usage errors (64), not the default profile', async (t) => {
  const w = await cliWorld(t);
  for (const command of [["credential-process"], ["env"], ["exec", "--", "true"], ["serve"], ["status"], ["login"], ["logout"], ["list"]]) {
    const [name, ...rest] = command as [string, ...string[]];
    for (const empty of [["--profile", ""], ["--profile="]]) {
      const result = await w.run([name, ...empty, ...rest], { AWS_PROFILE: "dev" });
      assertUsage(result, /^aws-sso-creds: --profile is empty: give it a value \(leave --profile out for AWS_PROFILE, else "default"\)\n/, `aws-sso-creds ${name} --help`);
    }
  }
  for (const name of ["login", "logout", "list"]) {
    assertUsage(await w.run([name, "--sso-session", ""]), /^aws-sso-creds: --sso-session is empty: give it a value\n/, `aws-sso-creds ${name} --help`);
  }
  assertUsage(await w.run(["--profile", "", "env"]), /--profile is empty/, "aws-sso-creds env --help");
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
  assert.equal(w.emu.calls.StartDeviceAuthorization, 0);
});

test("colours: FORCE_COLOR forces them into a pipe, NO_COLOR and --no-color turn them off, --no-color wins", async (t) => {
  const accounts: EmulatorAccount[] = [{ accountId: "111122223333", accountName: "Dev", emailAddress: "dev@example.com", roles: ["ReadOnly"] }];
  const w = await cliWorld(t, { emulator: { accounts } });
  const status = (extra: NodeJS.ProcessEnv, args: string[] = []) => w.run(["status", ...args], extra).then((result) => result.stdout);
  const list = (extra: NodeJS.ProcessEnv, args: string[] = []) => w.run(["list", "--profile", "dev", ...args], extra).then((result) => result.stdout);
  for (const render of [status, list]) {
    assert.ok(!(await render({})).includes(ESC), "no colour in a pipe by default");
    assert.ok((await render({ FORCE_COLOR: "1" })).includes(`${ESC}[`), "FORCE_COLOR=1 forces colour into a pipe");
    assert.ok((await render({ FORCE_COLOR: "true" })).includes(`${ESC}[`));
    assert.ok((await render({ FORCE_COLOR: "1", NO_COLOR: "1" })).includes(`${ESC}[`), "FORCE_COLOR wins over NO_COLOR, as in Node.js");
    assert.ok(!(await render({ FORCE_COLOR: "0" })).includes(ESC), "FORCE_COLOR=0 means none");
    assert.ok(!(await render({ FORCE_COLOR: "false" })).includes(ESC));
    assert.ok(!(await render({ FORCE_COLOR: "1" }, ["--no-color"])).includes(ESC), "--no-color wins over everything");
    assert.ok(!(await render({ FORCE_COLOR: "" })).includes(ESC), "an empty FORCE_COLOR is unset");
  }
  assert.ok((await status({ FORCE_COLOR: "1" })).includes(`${ESC}[32myes${ESC}[39m`), "status: green for a token that can refresh");
  assert.match(await list({ FORCE_COLOR: "1" }), new RegExp(`^${ESC}\\[1mACCOUNT${ESC}\\[22m`, "m"), "list: a bold header");
  const forcedBefore = await w.run(["--no-color", "status"], { FORCE_COLOR: "1" });
  assert.ok(!forcedBefore.stdout.includes(ESC), "--no-color before the command too");
  const help = (await w.run(["--help"])).stdout;
  assert.match(help, /^Colours \(status and list tables\)/m, "the help says how colour is decided");
  assert.match(help, /FORCE_COLOR=0 or =false +off/);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
