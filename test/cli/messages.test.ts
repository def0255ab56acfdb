// What the CLI says when the config is not what it needs, in its own words: its flags and the
// variables it reads, never the library's option names; a missing config file, a [dev] section
// without "profile ", a credential_process profile that runs aws-sso-creds itself (and one that
// would loop), and an empty HOME with a passwd entry.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";

import { resolveHomeDir } from "../../src/config/resolveHomeDir.js";
import { HomeDirectoryNotFoundError } from "../../src/errors/HomeDirectoryNotFoundError.js";
import { cliWords } from "../../src/cli/cliWords.js";
import { sessionProfileConfig, writeCachedToken } from "../helpers/ssoFixture.js";
import { BIN, cliWorld, PROCESS_TIMEOUT_MS, START_URL, type CliResult } from "./cliHarness.js";

/** Library words that must not reach a CLI user. */
const LIBRARY_WORDS = /`\w+` option|the \w+ option|fromIni|configFilepath|cacheDir|homeDir|mfaCodeProvider/;

function assertConfigError(result: CliResult, message: RegExp, what: string): void {
  assert.equal(result.code, 78, `${what}: exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout, "", what);
  assert.match(result.stderr, message, what);
  assert.doesNotMatch(result.stderr, LIBRARY_WORDS, `${what}: in the CLI's words`);
}

/** Every command that reads a profile, run for `profile` (undefined: AWS_PROFILE or default). */
function profileCommands(profile: string | undefined): string[][] {
  const flag = profile === undefined ? [] : ["--profile", profile];
  return [
    ["credential-process", ...flag],
    ["env", ...flag],
    ["exec", ...flag, "--", "true"],
    ["serve", ...flag],
    ["status", ...(profile === undefined ? ["--profile", "dev"] : flag)],
    ["login", ...flag, "--no-browser"],
    ["logout", ...flag],
    ["list", ...flag],
  ];
}

test("a missing config file: it does not exist, and how to create one (every command, 78)", async (t) => {
  const w = await cliWorld(t);
  await rm(w.fixture.configPath);
  for (const args of profileCommands("dev")) {
    const result = await w.run(args);
    assertConfigError(result, /^aws-sso-creds: The config file \S+ does not exist, so there is no profile "dev"\./, args.join(" "));
    assert.ok(result.stderr.includes(`\n  [sso-session my-sso]\n  sso_start_url = https://my-sso-portal.awsapps.com/start\n  sso_region = us-east-1\n  aws-sso-creds login --sso-session my-sso && aws-sso-creds list --sso-session my-sso --config >> ${w.fixture.configPath}\n`), result.stderr);
    assert.match(result.stderr, /aws configure sso/);
    assert.match(result.stderr, /If your config file is elsewhere, set AWS_CONFIG_FILE to its path\.\n$/);
    assert.doesNotMatch(result.stderr, /was not found/, "not reported as a missing profile");
  }
  const status = await w.run(["status"]);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`^Profiles \\(${w.fixture.configPath.replace(/[.]/g, "\\.")}: no such file\\)\\n {2}none: the config file does not exist\\. Create it with the AWS CLI v2`, "m"));
  assert.equal((JSON.parse((await w.run(["status", "--json"])).stdout) as { configFileExists: boolean }).configFileExists, false);
  assert.equal(w.emu.calls.GetRoleCredentials + w.emu.calls.StartDeviceAuthorization + w.emu.calls.RegisterClient, 0);
});

test("the three lines and the command the missing-config message gives do make a working profile", async (t) => {
  const w = await cliWorld(t, { noToken: true, emulator: { accounts: [{ accountId: "111122223333", accountName: "Dev", emailAddress: "dev@example.com", roles: ["ReadOnly"] }] } });
  await rm(w.fixture.configPath);
  const advice = (await w.run(["env", "--profile", "dev"])).stderr;
  const lines = advice.split("\n").filter((line) => line.startsWith("  ")).map((line) => line.slice(2));
  assert.equal(lines.length, 4);
  // With this world's start URL and region, as a user fills in theirs.
  await writeFile(w.fixture.configPath, `${lines.slice(0, 3).join("\n").replace("https://my-sso-portal.awsapps.com/start", START_URL)}\n`);
  // The login itself is the login tests' business: here the token is put in the cache as a login would.
  await writeCachedToken(w.fixture.cacheDir, "my-sso", w.emu.issueSession({ startUrl: START_URL }));
  const listed = await w.run(["list", "--sso-session", "my-sso", "--config"]);
  assert.equal(listed.code, 0, listed.stderr);
  await writeFile(w.fixture.configPath, `${lines.slice(0, 3).join("\n").replace("https://my-sso-portal.awsapps.com/start", START_URL)}\n${listed.stdout}`);
  const profile = /^\[profile (\S+)\]$/m.exec(listed.stdout)?.[1] ?? "";
  const result = await w.run(["credential-process", "--profile", profile]);
  assert.equal(result.code, 0, result.stderr);
});

test("[dev] without the profile prefix is pointed out", async (t) => {
  const w = await cliWorld(t, { config: sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" }).replace("[profile dev]", "[dev]") });
  for (const args of [["env", "--profile", "dev"], ["status", "--profile", "dev"], ["login", "--profile", "dev"]]) {
    assertConfigError(
      await w.run(args),
      /^aws-sso-creds: Profile "dev" was not found: \[dev\] in \S+ is not read as a profile, because the config file's profile sections are \[profile dev\] \(only \[default\] goes without "profile "\)\. Rename that section to \[profile dev\]\.\n$/,
      args.join(" "),
    );
  }
  // Another missing name gets the usual message.
  assertConfigError(await w.run(["env", "--profile", "prod"]), /Profile "prod" was not found in \S+\. That file has no SSO profiles\. Pass an existing profile \(--profile or AWS_PROFILE\)/, "prod");
});

test("a credential_process profile that runs aws-sso-creds: pass --profile <its profile>, whether chosen by AWS_PROFILE or --profile", async (t) => {
  const config = [
    sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" }),
    "[profile dev-process]",
    "credential_process = aws-sso-creds credential-process --profile dev",
    "",
    "[profile npx-process]",
    "credential_process = npx --yes aws-sso-creds@1 credential-process --profile=dev",
    "",
    "[profile admin]",
    "role_arn = arn:aws:iam::111122223333:role/Admin",
    "source_profile = dev-process",
    "",
  ].join("\n");
  const w = await cliWorld(t, { config });
  const message = (name: string) =>
    new RegExp(
      `^aws-sso-creds: Profile "${name}" in \\S+ runs aws-sso-creds itself \\(credential_process = [^)]*\\): it is the profile for the AWS CLI and the SDKs, not an SSO profile aws-sso-creds can read\\. Pass --profile dev instead, the SSO profile it uses\\.\\n$`,
    );
  for (const args of profileCommands("dev-process").slice(0, 5)) {
    assertConfigError(await w.run(args), message("dev-process"), args.join(" "));
  }
  for (const args of profileCommands(undefined).slice(0, 4)) {
    const result = await w.run(args, { AWS_PROFILE: "dev-process" });
    assertConfigError(result, message("dev-process"), `AWS_PROFILE=dev-process ${args.join(" ")}`);
    assert.doesNotMatch(result.stderr, /aws configure sso/, "no advice that would overwrite the profile");
  }
  assertConfigError(await w.run(["env", "--profile", "npx-process"]), message("npx-process"), "npx");
  for (const args of [["login", "--profile", "dev-process"], ["list", "--profile", "dev-process"]]) {
    assertConfigError(await w.run(args), message("dev-process"), args.join(" "));
  }
  assertConfigError(
    await w.run(["env", "--profile", "admin"]),
    /"dev-process" runs aws-sso-creds itself \(credential_process = aws-sso-creds credential-process --profile dev\): point the chain at the SSO profile that command reads, "dev" \(source_profile = dev\)\./,
    "a role chain from it",
  );
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
});

test("credential-process fails at once on a profile whose credential_process calls it back: through the AWS CLI too", async (t) => {
  const config = [
    sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" }),
    "[profile loop]",
    "credential_process = aws-sso-creds credential-process --profile loop",
    "region = eu-west-1",
    "",
    "[profile bare]",
    "credential_process = aws-sso-creds credential-process",
    "region = eu-west-1",
    "",
  ].join("\n");
  const w = await cliWorld(t, { config });
  const loop = /^aws-sso-creds: Profile "loop" in \S+ runs aws-sso-creds itself \(credential_process = aws-sso-creds credential-process --profile loop\) and names this same profile: it would run that command again, without end\. Its credential_process must name the SSO profile the credentials come from \(SSO profiles in that file: dev\): credential_process = aws-sso-creds credential-process --profile <SSO profile>\n$/;
  assertConfigError(await w.run(["credential-process", "--profile", "loop"]), loop, "--profile loop");
  assertConfigError(await w.run(["credential-process"], { AWS_PROFILE: "loop" }), loop, "AWS_PROFILE=loop");
  assertConfigError(await w.run(["credential-process"], { AWS_PROFILE: "bare" }), /runs aws-sso-creds itself \(credential_process = aws-sso-creds credential-process\) without --profile, so that command reads AWS_PROFILE, else "default"/, "bare");

  // The AWS CLI runs the profile's credential_process, which is aws-sso-creds: one run, one clear failure.
  const python = spawnSync("python3", ["-c", "import sys, awscli; print(sys.executable)"], { encoding: "utf8" });
  if (python.status !== 0) {
    t.diagnostic("the AWS CLI (python3 -m awscli) is not installed: its part is skipped");
    return;
  }
  const bin = join(w.fixture.home, "bin");
  await mkdir(bin);
  await symlink(BIN, join(bin, "aws-sso-creds"));
  const runs = join(w.fixture.home, "runs.log");
  // Counts the aws-sso-creds processes by wrapping the node that runs them.
  await writeFile(join(bin, "node"), `#!/bin/sh\necho run >> '${runs}'\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
  const env = { ...w.env, PATH: `${bin}:${dirname(process.execPath)}:${w.env.PATH ?? ""}` };
  const aws = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(python.stdout.trim(), ["-m", "awscli", "configure", "list", "--profile", "loop"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_TIMEOUT_MS);
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
  assert.notEqual(aws.code, 0);
  assert.match(aws.stderr, /runs aws-sso-creds itself .* names this same profile: it would run that command again, without end/, "the AWS CLI shows our message");
  assert.equal((await readFile(runs, "utf8")).trim().split("\n").length, 1, "aws-sso-creds ran once: no recursion");
});

test("errors the CLI shows name its flags and variables, never the library's options", async (t) => {
  const config = [
    sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" }),
    "[profile keys]",
    "aws_access_key_id = AKIAEXAMPLE",
    "aws_secret_access_key = example",
    "",
    "[profile from-keys]",
    "role_arn = arn:aws:iam::111122223333:role/Admin",
    "source_profile = keys",
    "",
    "[profile from-ec2]",
    "role_arn = arn:aws:iam::111122223333:role/Admin",
    "credential_source = Ec2InstanceMetadata",
    "",
  ].join("\n");
  const w = await cliWorld(t, { config });
  assertConfigError(await w.run(["env", "--profile", "nope"]), /Pass an existing profile \(--profile or AWS_PROFILE\)/, "not found");
  assertConfigError(await w.run(["env", "--profile", "keys"]), /Pass an SSO profile instead \(SSO profiles in that file: dev\), or make this one an SSO profile with: aws configure sso --profile keys/, "static keys");
  assertConfigError(await w.run(["env", "--profile", "from-keys"]), /Use the AWS CLI or an AWS SDK directly \(aws \.\.\. --profile from-keys\) for this profile/, "chain from keys");
  assertConfigError(await w.run(["env", "--profile", "from-ec2"]), /Use the AWS CLI or an AWS SDK directly \(aws \.\.\. --profile from-ec2\) for it/, "credential_source");
  await rm(w.fixture.configPath);
  await mkdir(w.fixture.configPath);
  assertConfigError(await w.run(["env", "--profile", "dev"]), /AWS_CONFIG_FILE/, "a config path that is a directory");
});

test('HOME="" with a passwd entry: the passwd home is used, not "the operating system reports none"', async (t) => {
  const w = await cliWorld(t);
  // status only reads: the cache directory it reports is the passwd entry's.
  const result = await w.run(["status", "--json"], { HOME: "" });
  assert.equal(result.code, 0, result.stderr);
  assert.equal((JSON.parse(result.stdout) as { cacheDir: string }).cacheDir, join(userInfo().homedir, ".aws", "sso", "cache"));

  // The messages when the operating system has nothing either, in the CLI's words.
  const noEntry = Object.assign(new Error("uv_os_homedir returned ENOENT"), { code: "ENOENT" });
  const cases: [() => string, RegExp][] = [
    [() => { throw noEntry; }, /and this user has no passwd entry \(as in a container run with a bare numeric user id\)\. Set HOME \(any directory will do\)\.$/],
    [() => "", /and this user's passwd entry names no home directory\. Set HOME \(any directory will do\)\.$/],
  ];
  for (const [osHomeDir, message] of cases) {
    assert.throws(
      () => resolveHomeDir({ env: { HOME: "" }, osHomeDir, words: cliWords }),
      (error: unknown) => error instanceof HomeDirectoryNotFoundError && message.test(error.message) && !/reports none/.test(error.message),
    );
  }
});
