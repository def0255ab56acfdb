import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import { ACCOUNT_ID, sessionProfileConfig } from "../helpers/ssoFixture.js";
import { BIN, cliWorld, PROCESS_TIMEOUT_MS, START_URL, which, type CliWorld } from "./cliHarness.js";

const PRINT_ENV = fileURLToPath(new URL("../fixtures/cliPrintEnv.mjs", import.meta.url));

/** Every character the shells treat specially, in a region value (config values may hold anything but a line break). */
const HOSTILE_REGION = "eu'\"$(touch PWNED)`touch PWNED`\\$HOME;‘’{a,b}*%s!x";

interface CredentialsSeen {
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_SESSION_TOKEN: string;
  AWS_CREDENTIAL_EXPIRATION: string;
  AWS_ACCOUNT_ID: string;
  AWS_REGION?: string;
  AWS_DEFAULT_REGION?: string;
}

function expectCredentials(w: CliWorld, seen: Record<string, string>, region: string | undefined): void {
  const issued = w.emu.issuedRoleCredentials.at(-1);
  assert.equal(seen.AWS_ACCESS_KEY_ID, issued?.accessKeyId);
  assert.ok((seen.AWS_SECRET_ACCESS_KEY ?? "").length > 0);
  assert.ok((seen.AWS_SESSION_TOKEN ?? "").length > 0);
  // From the role cache (a run after the first), the expiration has whole seconds, as the AWS CLI keeps it.
  assert.equal(Math.floor(new Date(seen.AWS_CREDENTIAL_EXPIRATION ?? "").getTime() / 1000), Math.floor((issued?.expiration ?? 0) / 1000));
  assert.equal(seen.AWS_ACCOUNT_ID, ACCOUNT_ID);
  assert.equal(seen.AWS_REGION, region);
  assert.equal(seen.AWS_DEFAULT_REGION, region);
}

/** Runs a shell that loads the CLI's output and then starts cliPrintEnv.mjs; returns what that saw. */
function shell(t: TestContext, w: CliWorld, program: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: w.fixture.home,
      env: { ...w.env, CLI_NODE: process.execPath, CLI_BIN: BIN, CLI_PRINT_ENV: PRINT_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_TIMEOUT_MS);
    t.after(() => clearTimeout(timer));
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const SH_SCRIPT = `out=$("$CLI_NODE" "$CLI_BIN" env --profile dev) || exit $?
eval "$out"
exec "$CLI_NODE" "$CLI_PRINT_ENV"`;

test('env (sh): eval "$(aws-sso-creds env --profile dev)" exports the credentials and the region', async (t) => {
  const w = await cliWorld(t);
  const result = await shell(t, w, "sh", ["-c", SH_SCRIPT]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, "");
  expectCredentials(w, JSON.parse(result.stdout) as Record<string, string>, "eu-west-1");
});

test("env: the output is exactly the variables, in the order documented", async (t) => {
  const w = await cliWorld(t);
  const result = await w.run(["env", "--profile", "dev"]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(
    result.stdout.trimEnd().split("\n").map((line) => line.split("=")[0]),
    [
      "export AWS_ACCESS_KEY_ID",
      "export AWS_SECRET_ACCESS_KEY",
      "export AWS_SESSION_TOKEN",
      "export AWS_CREDENTIAL_EXPIRATION",
      "export AWS_ACCOUNT_ID",
      "export AWS_REGION",
      "export AWS_DEFAULT_REGION",
    ],
  );
});

test("env: a profile without region sets no region variables", async (t) => {
  const w = await cliWorld(t, { config: sessionProfileConfig({ startUrl: START_URL }) });
  const result = await w.run(["env", "--profile", "dev", "--format", "json"]);
  assert.equal(result.code, 0, result.stderr);
  const seen = JSON.parse(result.stdout) as Record<string, string>;
  expectCredentials(w, seen, undefined);
  assert.ok(!("AWS_REGION" in seen) && !("AWS_DEFAULT_REGION" in seen));
});

test("env (sh): every special character of a value survives eval, and nothing in it runs", async (t) => {
  const w = await cliWorld(t, { config: sessionProfileConfig({ startUrl: START_URL, region: HOSTILE_REGION }) });
  const result = await shell(t, w, "sh", ["-c", SH_SCRIPT]);
  assert.equal(result.code, 0, result.stderr);
  expectCredentials(w, JSON.parse(result.stdout) as Record<string, string>, HOSTILE_REGION);
  assert.equal(existsSync(join(w.fixture.home, "PWNED")), false, "no command substitution ran");
});

const FISH_SCRIPT = `$CLI_NODE $CLI_BIN env --profile dev --format fish | source; or exit 1
exec $CLI_NODE $CLI_PRINT_ENV`;

test("env (fish): ... --format fish | source sets the exact values", async (t) => {
  const fish = which("fish");
  if (fish === undefined) {
    t.skip("fish is not installed (apt-get install fish)");
    return;
  }
  const w = await cliWorld(t, { config: sessionProfileConfig({ startUrl: START_URL, region: HOSTILE_REGION }) });
  const result = await shell(t, w, fish, ["--no-config", "-c", FISH_SCRIPT]);
  assert.equal(result.code, 0, result.stderr);
  expectCredentials(w, JSON.parse(result.stdout) as Record<string, string>, HOSTILE_REGION);
  assert.equal(existsSync(join(w.fixture.home, "PWNED")), false, "no command substitution ran");
});

const PWSH_SCRIPT = `$ErrorActionPreference = 'Stop'
& $env:CLI_NODE $env:CLI_BIN env --profile dev --format powershell | Out-String | Invoke-Expression
& $env:CLI_NODE $env:CLI_PRINT_ENV`;

test("env (powershell): ... --format powershell | Invoke-Expression sets the exact values", async (t) => {
  const pwsh = which("pwsh");
  if (pwsh === undefined) {
    t.skip("PowerShell (pwsh) is not installed");
    return;
  }
  const w = await cliWorld(t, { config: sessionProfileConfig({ startUrl: START_URL, region: HOSTILE_REGION }) });
  const result = await shell(t, w, pwsh, ["-NoProfile", "-NonInteractive", "-Command", PWSH_SCRIPT]);
  assert.equal(result.code, 0, result.stderr);
  expectCredentials(w, JSON.parse(result.stdout) as Record<string, string>, HOSTILE_REGION);
  assert.equal(existsSync(join(w.fixture.home, "PWNED")), false, "no command substitution ran");
});

test("env --format dotenv: NAME=value lines", async (t) => {
  const w = await cliWorld(t);
  const result = await w.run(["env", "--profile", "dev", "--format", "dotenv"]);
  assert.equal(result.code, 0, result.stderr);
  const seen = Object.fromEntries(
    result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => {
        const equals = line.indexOf("=");
        return [line.slice(0, equals), line.slice(equals + 1)];
      }),
  ) as Record<string, string>;
  expectCredentials(w, seen, "eu-west-1");
});

test("env --format dotenv refuses a value no .env reader would read back exactly (exit 64)", async (t) => {
  const w = await cliWorld(t, { config: sessionProfileConfig({ startUrl: START_URL, region: HOSTILE_REGION }) });
  const result = await w.run(["env", "--profile", "dev", "--format", "dotenv"]);
  assert.equal(result.code, 64);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /AWS_REGION holds characters that no \.env format keeps/);
});

test("env --format json and --format sam", async (t) => {
  const w = await cliWorld(t);
  const json = await w.run(["env", "--profile", "dev", "--format", "json"]);
  assert.equal(json.code, 0, json.stderr);
  expectCredentials(w, JSON.parse(json.stdout) as Record<string, string>, "eu-west-1");

  const sam = await w.run(["env", "--profile", "dev", "--format", "sam"]);
  assert.equal(sam.code, 0, sam.stderr);
  const parsed = JSON.parse(sam.stdout) as { Parameters: CredentialsSeen };
  assert.deepEqual(Object.keys(parsed), ["Parameters"]);
  expectCredentials(w, parsed.Parameters as unknown as Record<string, string>, "eu-west-1");
});

test("env --format with an unknown format is a usage error (exit 64) and fetches nothing", async (t) => {
  const w = await cliWorld(t);
  const result = await w.run(["env", "--profile", "dev", "--format", "csh"]);
  assert.equal(result.code, 64);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /unknown format "csh": use one of sh, fish, powershell, dotenv, json, sam/);
  assert.match(result.stderr, /aws-sso-creds env --help/);
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
});

test("env --help's idiom, creds=$(aws-sso-creds env ...) && eval \"$creds\", works in sh, dash, bash and zsh, and evaluates nothing on a failure", async (t) => {
  const w = await cliWorld(t);
  const help = await w.run(["env", "--help"]);
  const idiom = /^ {2}(creds=\$\(aws-sso-creds env --profile dev\) && eval "\$creds")\s/m.exec(help.stdout)?.[1];
  assert.ok(idiom !== undefined, `env --help shows the idiom: ${help.stdout}`);
  assert.doesNotMatch(help.stdout, /^ {2}eval "\$\(aws-sso-creds/m, "not the form that hides a failure");
  // aws-sso-creds on PATH, as installed globally.
  const bin = join(w.fixture.home, "bin");
  await mkdir(bin);
  await symlink(BIN, join(bin, "aws-sso-creds"));
  const path = `${bin}:${dirname(process.execPath)}:${w.env.PATH ?? ""}`;
  const run = (program: string, script: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(program, ["-c", script], { cwd: w.fixture.home, env: { ...w.env, PATH: path, CLI_PRINT_ENV: PRINT_ENV }, stdio: ["ignore", "pipe", "pipe"] });
      const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_TIMEOUT_MS);
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.once("error", reject);
      child.once("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  const failing = idiom.replace("--profile dev", "--profile nope");
  for (const program of ["sh", "dash", "bash", "zsh"]) {
    if (which(program) === undefined) {
      t.diagnostic(`${program} is not installed`);
      continue;
    }
    const ok = await run(program, `${idiom} && exec node "$CLI_PRINT_ENV"`);
    assert.equal(ok.code, 0, `${program}: ${ok.stderr}`);
    expectCredentials(w, JSON.parse(ok.stdout) as Record<string, string>, "eu-west-1");

    const failed = await run(program, `${failing}; echo "status=$? key=\${AWS_ACCESS_KEY_ID-unset}"`);
    assert.equal(failed.stdout, "status=78 key=unset\n", `${program}: the failure shows in the status, and nothing was evaluated`);
    assert.match(failed.stderr, /^aws-sso-creds: Profile "nope" was not found/, `${program}: the error is on the terminal`);

    // The help's advice for scripts: with set -e, the assignment on its own line stops the script...
    const stops = await run(program, `set -e; creds=$(aws-sso-creds env --profile nope); eval "$creds"; echo reached`);
    assert.equal(stops.code, 78, `${program}: set -e stops at the failed assignment`);
    assert.equal(stops.stdout, "");
    // ...where eval "$(...)" goes on as if nothing had failed, which is why the help warns against it.
    const hides = await run(program, `set -e; eval "$(aws-sso-creds env --profile nope)"; echo "reached key=\${AWS_ACCESS_KEY_ID-unset}"`);
    assert.equal(hides.stdout, "reached key=unset\n", `${program}: eval "$(...)" hides the failure`);
  }
});
