import assert from "node:assert/strict";
import { createServer } from "node:net";
import { writeFile } from "node:fs/promises";
import { test } from "node:test";

import { sessionProfileConfig } from "../helpers/ssoFixture.js";
import { assertNoSecret, cliWorld, START_URL, type CliResult } from "./cliHarness.js";

/** A failure: nothing on stdout (eval and pipes stay clean), one error with its fix on stderr, no secret. */
function assertFailure(result: CliResult, code: number, message: RegExp, secrets: string[]): void {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /^aws-sso-creds: /);
  assert.match(result.stderr, message);
  assertNoSecret(result.stderr, secrets, "stderr");
}

test("usage errors exit 64 and point at --help", async (t) => {
  const w = await cliWorld(t);
  const cases: [string[], RegExp][] = [
    [["nope"], /unknown command "nope": use one of credential-process, env, exec, serve, status, login, logout, list, completion\nRun "aws-sso-creds --help" for usage\./],
    [["help", "nope"], /unknown command "nope"/],
    // The middle of these messages is node:util parseArgs' own wording.
    [["env", "--bogus"], /'--bogus'[^]*\nRun "aws-sso-creds env --help" for usage\./],
    [["credential-process", "--profile"], /'--profile <value>'[^]*\nRun "aws-sso-creds credential-process --help"/],
    [["credential-process", "--profile", "dev", "extra"], /'extra'[^]*\nRun "aws-sso-creds credential-process --help"/],
    [["status", "--json=yes"], /'--json'[^]*\nRun "aws-sso-creds status --help"/],
    [["exec", "--nope", "--", "true"], /'--nope'[^]*\nRun "aws-sso-creds exec --help"/],
  ];
  for (const [args, message] of cases) {
    assertFailure(await w.run(args), 64, message, w.secrets());
  }
  const bare = await w.run([]);
  assert.equal(bare.code, 64);
  assert.equal(bare.stdout, "");
  assert.match(bare.stderr, /^Usage: aws-sso-creds \[GLOBAL OPTIONS\] COMMAND/);
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
});

test("config errors (SsoConfigError) exit 78", async (t) => {
  const w = await cliWorld(t);
  for (const command of [["credential-process"], ["env"], ["exec", "--", "true"]]) {
    const [name, ...rest] = command as [string, ...string[]];
    assertFailure(
      await w.run([name, "--profile", "nope", ...rest]),
      78,
      /Profile "nope" was not found in .*config\. SSO profiles in that file: dev\./,
      w.secrets(),
    );
  }
  await writeFile(w.fixture.configPath, "[profile dev]\nsso_session = my-sso\n");
  assertFailure(await w.run(["env", "--profile", "dev"]), 78, /no \[sso-session my-sso\] section/, w.secrets());
});

test("login needed (SsoLoginRequiredError) exits 77 with the login command", async (t) => {
  const w = await cliWorld(t, { noToken: true });
  assertFailure(
    await w.run(["credential-process", "--profile", "dev"]),
    77,
    /No cached SSO token at .* for sso-session "my-sso"\. Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso/,
    w.secrets(),
  );
});

test("a refresh the service rejects is login needed too (77)", async (t) => {
  const w = await cliWorld(t, { session: { accessTokenExpired: true } });
  w.emu.failNext("CreateToken", 1, { status: 400, errorType: "InvalidGrantException" });
  const result = await w.run(["env", "--profile", "dev", "--verbose"]);
  assertFailure(result, 77, /rejected the token refresh .* InvalidGrantException[^]*aws sso login --sso-session my-sso/, w.secrets());
  assert.match(result.stderr, /^aws-sso-creds: refreshing the SSO token for sso-session "my-sso"$/m);
  assert.match(result.stderr, /^ {2}caused by: InvalidGrantException/m);
});

test("service errors (SsoServiceError) exit 69: a refused role, and an endpoint nobody answers", async (t) => {
  const w = await cliWorld(t, { config: sessionProfileConfig({ startUrl: START_URL, roleName: "NotAssigned" }) });
  assertFailure(
    await w.run(["credential-process", "--profile", "dev"]),
    69,
    /Could not get credentials for role NotAssigned in account 111122223333: your SSO user is not assigned this role/,
    w.secrets(),
  );

  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as { port: number };
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const unreachable = `http://127.0.0.1:${port}`;
  const result = await w.run(["credential-process", "--profile", "dev"], { AWS_ENDPOINT_URL_SSO: unreachable, AWS_MAX_ATTEMPTS: "1" });
  assertFailure(result, 69, /Could not get credentials for role NotAssigned in account 111122223333: .*ECONNREFUSED/, w.secrets());
});

test("token cache errors (SsoTokenCacheError) exit 74", async (t) => {
  const w = await cliWorld(t);
  await writeFile(w.cachePath, "{ not json");
  assertFailure(
    await w.run(["env", "--profile", "dev"]),
    74,
    /The SSO token cache file .* is not valid JSON\. It was left as it is\. Move it away or delete it, then run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso/,
    w.secrets(),
  );
});

test("--verbose adds the causes of an error, still without a secret", async (t) => {
  const w = await cliWorld(t, { config: sessionProfileConfig({ startUrl: START_URL, roleName: "NotAssigned" }) });
  const result = await w.run(["credential-process", "--profile", "dev", "--verbose"]);
  assertFailure(result, 69, /\n {2}caused by: ForbiddenException: /, w.secrets());
});
