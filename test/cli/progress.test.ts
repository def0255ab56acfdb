import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

import { assertNoSecret, cliWorld, runCliOnTerminal, which } from "./cliHarness.js";

const REFRESHING = /^aws-sso-creds: refreshing the SSO token for sso-session "my-sso"$/m;

function roleSecrets(stdout: string): string[] {
  const output = JSON.parse(stdout) as { SecretAccessKey: string; SessionToken: string };
  return [output.SecretAccessKey, output.SessionToken];
}

test("a refresh says nothing when stderr is not a terminal: stdout holds only the output", async (t) => {
  const w = await cliWorld(t, { session: { accessTokenExpired: true } });
  const result = await w.run(["credential-process", "--profile", "dev"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(w.emu.calls.CreateToken, 1, "the token was refreshed");
  assert.equal(result.stderr, "");
  assert.doesNotThrow(() => JSON.parse(result.stdout));
});

test("--verbose shows the refresh on stderr (never on stdout), without a secret", async (t) => {
  const w = await cliWorld(t, { session: { accessTokenExpired: true } });
  const result = await w.run(["credential-process", "--profile", "dev", "--verbose"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(w.emu.calls.CreateToken, 1);
  assert.match(result.stderr, REFRESHING);
  assert.match(result.stderr, /^aws-sso-creds: refreshed the SSO token in .*; valid until \S+Z$/m);
  assert.match(result.stderr, /^aws-sso-creds: took the lock /m, "debug lines with --verbose");
  assert.match(result.stderr, /^aws-sso-creds: credentials for role ReadOnly in account 111122223333, valid until \S+Z$/m);
  assert.doesNotMatch(result.stdout, /aws-sso-creds:/);
  const cached = JSON.parse(await readFile(w.cachePath, "utf8")) as { accessToken: string; refreshToken: string };
  assertNoSecret(result.stderr, [...w.secrets(), cached.accessToken, cached.refreshToken, ...roleSecrets(result.stdout)], "stderr");
});

test("--verbose with env: the variables on stdout stay eval-able, the progress goes to stderr", async (t) => {
  const w = await cliWorld(t, { session: { accessTokenExpired: true } });
  const result = await w.run(["env", "--profile", "dev", "--verbose"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, REFRESHING);
  for (const line of result.stdout.trimEnd().split("\n")) assert.match(line, /^export AWS_[A-Z_]+='[^']*'$/);
});

test("on a terminal, progress lines show without --verbose (and debug lines do not)", async (t) => {
  if (which("script") === undefined) {
    t.skip("script (util-linux) is not installed: no terminal to test with");
    return;
  }
  const w = await cliWorld(t, { session: { accessTokenExpired: true } });
  const { code, output } = await runCliOnTerminal(["env", "--profile", "dev"], w.env);
  assert.equal(code, 0, output);
  assert.match(output, REFRESHING);
  assert.doesNotMatch(output, /took the lock/);
  assert.match(output, /^export AWS_ACCESS_KEY_ID=/m);
  assertNoSecret(output.replace(/^export .*$/gm, ""), w.secrets(), "the progress lines");
});
