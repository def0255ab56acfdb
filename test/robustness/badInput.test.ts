// Bad input, end to end through fromSSO: every case is one of our typed errors naming the file or
// field and what to do, never a TypeError; a bad cache file is left exactly as it was.
// The corpus is test/fixtures/bad-input/ (see its README.md); the 10 MB file is made here.
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import {
  ConfigFileParseError,
  fromSSO,
  InvalidSsoConfigError,
  MissingSsoFieldError,
  SsoCredentialsError,
  SsoSessionNotFoundError,
  SsoTokenCacheFileError,
  SsoTokenNotFoundError,
} from "../../src/index.js";
import { tokenCacheFilePath } from "../../src/token/tokenCacheFilePath.js";
import { makeSsoFixture, sessionProfileConfig } from "../helpers/ssoFixture.js";
import { providerWorld, START_URL } from "../helpers/providerWorld.js";

/** One of our error classes, whatever its constructor takes. */
type ErrorClass = abstract new (...args: never[]) => SsoCredentialsError;

const CORPUS = fileURLToPath(new URL("../fixtures/bad-input/", import.meta.url));
const FIXTURE_SECRETS = ["robustness-at-0001", "robustness-rt-0001", "robustness-cs-0001"];
const LOGIN = "aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso";

/** What a bad cache file must give: an SsoTokenCacheFileError naming the file, the problem and the fix. */
const CACHE_CASES: Record<string, RegExp> = {
  "cache-empty.json": /is empty/,
  "cache-whitespace.json": /is empty/,
  "cache-truncated.json": /is not valid JSON/,
  "cache-not-json.json": /is not valid JSON/,
  "cache-bom.json": /is not valid JSON/,
  "cache-trailing-nul.json": /is not valid JSON/,
  "cache-array.json": /does not hold a JSON object/,
  "cache-null.json": /does not hold a JSON object/,
  "cache-string.json": /does not hold a JSON object/,
  "cache-accessToken-number.json": /has no "accessToken" string/,
  "cache-accessToken-missing.json": /has no "accessToken" string/,
  "cache-proto.json": /has no "accessToken" string/,
  "cache-expiresAt-number.json": /has a "expiresAt" that is not a string/,
  "cache-expiresAt-unparseable.json": /has a "expiresAt" that is not a timestamp/,
  "cache-expiresAt-impossible.json": /has a "expiresAt" that is not a timestamp/,
  "cache-expiresAt-impossible-time.json": /has a "expiresAt" that is not a timestamp/,
  "cache-expiresAt-missing.json": /has no "expiresAt"/,
  "cache-refreshToken-object.json": /has a "refreshToken" that is not a string/,
  "cache-clientSecret-array.json": /has a "clientSecret" that is not a string/,
  "cache-registrationExpiresAt-unparseable.json": /has a "registrationExpiresAt" that is not a timestamp/,
};

function assertNoSecret(error: unknown): void {
  const text = `${String(error)} ${(error as Error).stack ?? ""} ${JSON.stringify(error)}`;
  for (const secret of FIXTURE_SECRETS) assert.ok(!text.includes(secret), `the error does not quote the file (${secret})`);
}

/** Runs the provider against a home whose cache file is `prepare`d, and checks the file was not touched. */
async function expectCacheError(
  prepare: (path: string) => Promise<void>,
  check: (error: unknown, path: string) => void,
  fingerprint: (path: string) => Promise<string> = contentFingerprint,
): Promise<void> {
  const fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  try {
    const path = tokenCacheFilePath(fixture.cacheDir, "my-sso");
    await prepare(path);
    const before = await fingerprint(path);
    const entries = await readdir(fixture.cacheDir);
    await assert.rejects(
      fromSSO({ profile: "dev", configFilepath: fixture.configPath, cacheDir: fixture.cacheDir, clientConfig: { endpoint: "http://127.0.0.1:9" } })(),
      (error: unknown) => {
        assert.ok(!(error instanceof TypeError), `not a TypeError: ${String(error)}`);
        assert.ok(error instanceof SsoCredentialsError, `a typed error: ${String(error)}`);
        check(error, path);
        assertNoSecret(error);
        return true;
      },
    );
    assert.equal(await fingerprint(path), before, "the cache file is exactly as it was");
    assert.deepEqual(await readdir(fixture.cacheDir), entries, "nothing added or removed in the cache directory");
  } finally {
    await fixture.cleanup();
  }
}

async function contentFingerprint(path: string): Promise<string> {
  const stats = await stat(path);
  const content = stats.isFile() ? (await readFile(path)).toString("base64") : "(not a file)";
  return `${stats.mode} ${stats.size} ${stats.mtimeMs} ${content}`;
}

function assertCacheFileError(error: unknown, path: string, problem: RegExp): void {
  assert.ok(error instanceof SsoTokenCacheFileError, `SsoTokenCacheFileError expected, got ${String(error)}`);
  assert.equal(error.path, path);
  assert.ok(error.message.startsWith(`The SSO token cache file ${path} `), error.message);
  assert.match(error.message, problem);
  assert.ok(error.message.endsWith(`It was left as it is. Move it away or delete it, then run: ${LOGIN}`), error.message);
}

for (const [name, problem] of Object.entries(CACHE_CASES)) {
  test(`cache file ${name}: SsoTokenCacheFileError ${problem.source}, file left as it was`, () =>
    expectCacheError(
      async (path) => writeFile(path, await readFile(join(CORPUS, name)), { mode: 0o600 }),
      (error, path) => assertCacheFileError(error, path, problem),
    ));
}

test("cache file of 10 MB of junk: too large to be a token, not read into memory, left as it was", () =>
  expectCacheError(
    async (path) => {
      const junk = Buffer.alloc(10 * 1024 * 1024);
      for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
      await writeFile(path, junk, { mode: 0o600 });
    },
    (error, path) => assertCacheFileError(error, path, /is 10485760 bytes, too large to be a token/),
    async (path) => {
      const stats = await stat(path);
      return `${stats.size} ${stats.mtimeMs}`;
    },
  ));

test("a directory where the cache file should be: a typed error, the directory left alone", () =>
  expectCacheError(
    async (path) => {
      await mkdir(path);
      await writeFile(join(path, "inside"), "x");
    },
    (error, path) => assertCacheFileError(error, path, /is a directory, not a file/),
    async (path) => `${(await stat(path)).isDirectory()} ${(await readdir(path)).join(",")}`,
  ));

test("a symbolic link as the cache file (to a valid token, or dangling): not followed, left alone", async () => {
  for (const dangling of [false, true]) {
    await expectCacheError(
      async (path) => {
        const target = `${path}.target`;
        if (!dangling) await writeFile(target, JSON.stringify({ accessToken: "robustness-at-0001", expiresAt: "2031-01-01T00:00:00Z" }));
        await symlink(target, path);
      },
      (error, path) => assertCacheFileError(error, path, /is a symbolic link, which is not followed/),
      async (path) => `${(await stat(path).catch(() => undefined))?.size} ${await readFile(`${path}.target`, "utf8").catch(() => "none")}`,
    );
  }
});

test("a FIFO as the cache file: a typed error at once, not a read that waits forever for a writer", () =>
  expectCacheError(
    async (path) => {
      execFileSync("mkfifo", [path]);
    },
    (error, path) => assertCacheFileError(error, path, /is not a regular file/),
    async (path) => `${(await stat(path)).isFIFO()}`,
  ));

test("a cache directory under a regular file: no token there (SsoTokenNotFoundError with the login command)", async () => {
  const fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  try {
    const blocker = join(fixture.home, "blocker");
    await writeFile(blocker, "a file, not a directory");
    const cacheDir = join(blocker, "cache");
    await assert.rejects(fromSSO({ profile: "dev", configFilepath: fixture.configPath, cacheDir })(), (error: unknown) => {
      assert.ok(error instanceof SsoTokenNotFoundError);
      assert.equal(error.path, tokenCacheFilePath(cacheDir, "my-sso"));
      assert.ok(error.message.endsWith(`Run: ${LOGIN}`));
      return true;
    });
    assert.equal(await readFile(blocker, "utf8"), "a file, not a directory");
  } finally {
    await fixture.cleanup();
  }
});

// A cache nobody may write (chattr +i, a full disk, a read-only mount): test/token/keptToken.test.ts.

interface ConfigCase {
  errorClass: ErrorClass;
  /** Checked against the message, after the config file's path is checked. */
  message: RegExp;
  field?: string;
}

const CONFIG_CASES: Record<string, ConfigCase> = {
  "config-region-evil.ini": { errorClass: InvalidSsoConfigError, field: "sso_region", message: /sso_region in \[sso-session my-sso\] in .* is "evil\.example\/#", which is not an AWS region\. Set it to .*"sso_region = us-east-1"/ },
  "config-region-spaces.ini": { errorClass: InvalidSsoConfigError, field: "sso_region", message: /is "us east 1", which is not an AWS region/ },
  "config-region-upper.ini": { errorClass: InvalidSsoConfigError, field: "sso_region", message: /is "US-EAST-1", which is not an AWS region/ },
  "config-region-host-port.ini": { errorClass: InvalidSsoConfigError, field: "sso_region", message: /is "127\.0\.0\.1:8080", which is not an AWS region/ },
  "config-legacy-region-evil.ini": { errorClass: InvalidSsoConfigError, field: "sso_region", message: /sso_region in \[profile dev\] in .* is "evil\.example\/#"/ },
  "config-start-url-http.ini": { errorClass: InvalidSsoConfigError, field: "sso_start_url", message: /is "http:\/\/emulator\.awsapps\.com\/start", which is not an https URL\. Set it to your AWS access portal URL/ },
  "config-start-url-no-scheme.ini": { errorClass: InvalidSsoConfigError, field: "sso_start_url", message: /which is not an https URL/ },
  "config-missing-session.ini": { errorClass: SsoSessionNotFoundError, message: /uses sso_session = nope, but .* has no \[sso-session nope\] section\. Add that section/ },
  "config-session-without-region.ini": { errorClass: MissingSsoFieldError, field: "sso_region", message: /\[sso-session my-sso\] in .* is missing sso_region\. Add "sso_region = \.\.\."/ },
  "config-line-without-equals.ini": { errorClass: ConfigFileParseError, message: /, line 3: Expected an '=' sign .*Fix that line of the file\./ },
  "config-property-before-section.ini": { errorClass: ConfigFileParseError, message: /, line 1: Expected a profile definition/ },
  "config-unclosed-section.ini": { errorClass: ConfigFileParseError, message: /, line 1: Profile definition must end with '\]'/ },
};

for (const [name, expected] of Object.entries(CONFIG_CASES)) {
  test(`config ${name}: ${expected.errorClass.name}${expected.field ? ` for ${expected.field}` : ""}, before any request`, async () => {
    const w = await providerWorld();
    try {
      const configFilepath = join(CORPUS, name);
      await assert.rejects(w.provider({ configFilepath })(), (error: unknown) => {
        assert.ok(!(error instanceof TypeError), `not a TypeError: ${String(error)}`);
        assert.ok(error instanceof expected.errorClass, `${expected.errorClass.name} expected, got ${String(error)}`);
        assert.ok(error.message.includes(configFilepath), `the message names the file: ${error.message}`);
        assert.match(error.message, expected.message);
        if (expected.field !== undefined) assert.equal((error as { field?: string }).field, expected.field);
        return true;
      });
      assert.equal(w.emu.calls.CreateToken + w.emu.calls.GetRoleCredentials, 0, "nothing was sent anywhere");
    } finally {
      await w.close();
    }
  });
}
