import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { ACCOUNT_ID } from "../helpers/ssoFixture.js";
import { assertNoSecret, cliWorld, runCliOnTerminal, startCli, which } from "./cliHarness.js";

const PRINT_ENV = fileURLToPath(new URL("../fixtures/cliPrintEnv.mjs", import.meta.url));

/** A child that says "ready", then exits with 100 + the number of the signal it traps; it never exits by itself. */
const TRAPPING_CHILD = `
for (const [signal, code] of [["SIGTERM", 115], ["SIGINT", 102], ["SIGHUP", 101], ["SIGQUIT", 103]]) process.on(signal, () => process.exit(code));
process.stdout.write("ready\\n");
setInterval(() => undefined, 1000);
`;

test("exec runs the command with the credentials, without the variables that would conflict, with the rest", async (t) => {
  const w = await cliWorld(t);
  const conflicting = {
    AWS_PROFILE: "other",
    AWS_DEFAULT_PROFILE: "other",
    AWS_ACCESS_KEY_ID: "AKIAOLD",
    AWS_SECRET_ACCESS_KEY: "old-secret",
    AWS_SESSION_TOKEN: "old-token",
    AWS_SECURITY_TOKEN: "old-token",
    AWS_CREDENTIAL_EXPIRATION: "2000-01-01T00:00:00Z",
    AWS_ACCOUNT_ID: "999999999999",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:1/creds",
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/creds",
    AWS_CONTAINER_AUTHORIZATION_TOKEN: "x",
    AWS_WEB_IDENTITY_TOKEN_FILE: "/nonexistent",
    AWS_ROLE_ARN: "arn:aws:iam::999999999999:role/x",
    AWS_REGION: "ap-south-1",
  };
  const cli = startCli(["exec", "--profile", "dev", "--", process.execPath, PRINT_ENV], { ...w.env, ...conflicting, CLI_MARKER: "kept" });
  const result = await cli.done;
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, "");
  const seen = JSON.parse(result.stdout) as Record<string, string>;
  const issued = w.emu.issuedRoleCredentials[0];
  assert.equal(seen.AWS_ACCESS_KEY_ID, issued?.accessKeyId);
  assert.notEqual(seen.AWS_SECRET_ACCESS_KEY, "old-secret");
  assert.notEqual(seen.AWS_SESSION_TOKEN, "old-token");
  assert.equal(new Date(seen.AWS_CREDENTIAL_EXPIRATION ?? "").getTime(), issued?.expiration);
  assert.equal(seen.AWS_ACCOUNT_ID, ACCOUNT_ID);
  assert.equal(seen.AWS_REGION, "eu-west-1", "the profile's region replaces the inherited one");
  assert.equal(seen.AWS_DEFAULT_REGION, "eu-west-1");
  assert.equal(seen.CLI_MARKER, "kept");
  for (const name of [
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SECURITY_TOKEN",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
  ]) {
    assert.ok(!(name in seen), `${name} is removed`);
  }
  // What the CLI itself was given to find its config and endpoints stays.
  assert.equal(seen.AWS_CONFIG_FILE, w.fixture.configPath);
});

test("exec passes the command's exit code through; the command's own options are its own", async (t) => {
  const w = await cliWorld(t);
  const result = await startCli(["exec", "--profile", "dev", "--", "sh", "-c", "echo out; echo err >&2; exit 42", "--verbose"], w.env).done;
  assert.equal(result.code, 42);
  assert.equal(result.stdout, "out\n");
  assert.equal(result.stderr, "err\n", "--verbose after -- belongs to the command");
});

test("exec without -- runs from the first argument that is not an option", async (t) => {
  const w = await cliWorld(t);
  const result = await startCli(["exec", "--profile", "dev", "sh", "-c", "exit 7"], w.env).done;
  assert.equal(result.code, 7, result.stderr);
});

for (const [signal, expected] of [
  ["SIGTERM", 115],
  ["SIGINT", 102],
  ["SIGHUP", 101],
  ["SIGQUIT", 103],
] as const) {
  test(`exec forwards ${signal} to the command and exits with the command's code`, async (t) => {
    const w = await cliWorld(t);
    const cli = startCli(["exec", "--profile", "dev", "--", process.execPath, "-e", TRAPPING_CHILD], w.env);
    await cli.waitForStdout("ready\n");
    cli.child.kill(signal);
    const result = await cli.done;
    assert.equal(result.signal, null, "the CLI itself is not killed by the signal");
    assert.equal(result.code, expected, result.stderr);
  });
}

test("exec --serve forwards SIGQUIT too, and closes its endpoint", async (t) => {
  const w = await cliWorld(t);
  const cli = startCli(["exec", "--serve", "--profile", "dev", "--", process.execPath, "-e", TRAPPING_CHILD], w.env);
  await cli.waitForStdout("ready\n");
  cli.child.kill("SIGQUIT");
  const result = await cli.done;
  assert.equal(result.signal, null, "the CLI itself is not killed by SIGQUIT");
  assert.equal(result.code, 103, result.stderr);
});

test("exec: SIGQUIT no longer ends the CLI and leaves the command running on its own", async (t) => {
  const w = await cliWorld(t);
  // A command that does not trap SIGQUIT: the forwarded signal ends it, and the CLI says so with 128+3.
  const pidFile = join(w.fixture.home, "quit.pid");
  const child = `require("node:fs").writeFileSync(process.env.PID_FILE, String(process.pid)); process.stdout.write("ready\\n"); setInterval(() => undefined, 1000);`;
  const cli = startCli(["exec", "--profile", "dev", "--", process.execPath, "-e", child], { ...w.env, PID_FILE: pidFile });
  await cli.waitForStdout("ready\n");
  const pid = Number(await readFile(pidFile, "utf8"));
  t.after(() => {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone, as it should be
    }
  });
  cli.child.kill("SIGQUIT");
  const result = await cli.done;
  assert.equal(result.signal, null, result.stderr);
  assert.equal(result.code, 128 + 3);
  assert.throws(() => process.kill(pid, 0), /ESRCH/, "the command is gone too");
});

test("exec exits with 128+N when signal N ends the command", async (t) => {
  const w = await cliWorld(t);
  const child = `process.stdout.write("ready\\n"); setInterval(() => undefined, 1000);`;
  const cli = startCli(["exec", "--profile", "dev", "--", process.execPath, "-e", child], w.env);
  await cli.waitForStdout("ready\n");
  cli.child.kill("SIGTERM");
  const result = await cli.done;
  assert.equal(result.code, 128 + 15);
  const selfKilled = await startCli(["exec", "--profile", "dev", "--", "sh", "-c", "kill -KILL $$"], w.env).done;
  assert.equal(selfKilled.code, 128 + 9);
});

test("exec: a command that does not exist is 127, and nothing is printed on stdout", async (t) => {
  const w = await cliWorld(t);
  const result = await startCli(["exec", "--profile", "dev", "--", "no-such-command-aws-sso-creds"], w.env).done;
  assert.equal(result.code, 127);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /command not found: no-such-command-aws-sso-creds/);
  assertNoSecret(result.stderr, w.secrets(), "stderr");
});

test("exec: no command is a usage error (64)", async (t) => {
  const w = await cliWorld(t);
  for (const args of [["exec", "--profile", "dev"], ["exec", "--profile", "dev", "--"]]) {
    const result = await startCli(args, w.env).done;
    assert.equal(result.code, 64);
    assert.match(result.stderr, /no command to run: put it after --/);
  }
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
});

test("exec: when credentials cannot be had, the command is not run and the exit code says why", async (t) => {
  const w = await cliWorld(t, { noToken: true });
  const marker = join(w.fixture.home, "ran");
  const result = await startCli(["exec", "--profile", "dev", "--", "sh", "-c", `touch '${marker}'`], w.env).done;
  assert.equal(result.code, 77);
  assert.match(result.stderr, /Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso/);
  assert.equal(existsSync(marker), false);
});

test("exec: a command that cannot be run (not executable) is 126", async (t) => {
  const w = await cliWorld(t);
  const script = join(w.fixture.home, "not-executable.sh");
  await writeFile(script, "#!/bin/sh\nexit 0\n", { mode: 0o644 });
  const result = await startCli(["exec", "--profile", "dev", "--", script], w.env).done;
  assert.equal(result.code, 126);
  assert.match(result.stderr, /cannot run the command \(EACCES\)/);
});

test("on a terminal, Ctrl-C reaches the command once, not once from the terminal and once forwarded", async (t) => {
  if (which("script") === undefined) {
    t.skip("script (util-linux) is not installed: no terminal to test with");
    return;
  }
  const w = await cliWorld(t);
  // Counts the SIGINTs it gets for half a second after the first, then exits with 100 + the count.
  const counting = `
let count = 0;
process.on("SIGINT", () => { if (count++ === 0) setTimeout(() => process.exit(100 + count), 500); });
require("node:fs").writeFileSync(process.env.PID_FILE, String(process.pid));
setInterval(() => undefined, 1000);
`;
  const pidFile = join(w.fixture.home, "child.pid");
  const session = runCliOnTerminal(["exec", "--profile", "dev", "--", process.execPath, "-e", counting], { ...w.env, PID_FILE: pidFile });
  let pid: number | undefined;
  for (let i = 0; i < 400 && pid === undefined; i++) {
    pid = await readFile(pidFile, "utf8").then(Number, () => undefined);
    if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(pid, "the command started");
  // What the terminal does on Ctrl-C: SIGINT to the foreground process group (the CLI and the command).
  const pgid = Number(execFileSync("ps", ["-o", "pgid=", "-p", String(pid)], { encoding: "utf8" }).trim());
  process.kill(-pgid, "SIGINT");
  const { code, output } = await session;
  assert.equal(code, 101, `the command saw exactly one SIGINT; ${output}`);
});
