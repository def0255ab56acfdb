// Bad input, end to end through fromSSO: every case is one of our typed errors naming the file or
// field and what to do, never a TypeError; a bad cache file is left exactly as it was.
// The corpus is test/fixtures/bad-input/ (see its README.md); the 10 MB file is made here.
import { execFile, execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { chmod, chown, lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { promisify } from "node:util";

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
import { RejectedRefreshRecord } from "../../src/token/RejectedRefreshRecord.js";
import { ssoRoleCacheKey } from "../../src/role-credentials/ssoRoleCacheKey.js";
import { tokenCacheFilePath } from "../../src/token/tokenCacheFilePath.js";
import { ACCOUNT_ID, makeSsoFixture, ROLE_NAME, sessionProfileConfig } from "../helpers/ssoFixture.js";
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

test("junk at the path of the refused-refresh note (a FIFO, a symlink, a directory) is ignored: no hang, the refresh goes on", async () => {
  for (const junk of ["fifo", "symlink", "directory"] as const) {
    const w = await providerWorld({ session: { accessTokenExpired: true } });
    try {
      const note = RejectedRefreshRecord.pathFor(w.path);
      if (junk === "fifo") execFileSync("mkfifo", [note]);
      else if (junk === "symlink") await symlink("/dev/zero", note);
      else await mkdir(note);
      const credentials = await w.provider()();
      assert.ok(credentials.accessKeyId, junk);
      assert.equal(w.emu.calls.CreateToken, 1, junk);
    } finally {
      await w.close();
    }
  }
});

// ---- The role credential cache (~/.aws/cli/cache): an optimisation, so a bad entry is a warning
// naming the file and new credentials from the service, never a failed call. ----

const ROLE_CORPUS = join(CORPUS, "role-cache");
const ROLE_KEY = ssoRoleCacheKey({ accountId: ACCOUNT_ID, roleName: ROLE_NAME, ssoSession: "my-sso", startUrl: START_URL });
const ROLE_SECRETS = ["robustness-sk-0001", "robustness-st-0001"];
const VALID_ROLE_ENTRY = JSON.stringify({
  ProviderType: "sso",
  Credentials: { AccessKeyId: "ASIAROBUSTNESS0001", SecretAccessKey: "robustness-sk-0001", SessionToken: "robustness-st-0001", Expiration: "2099-01-01T00:00:00Z", AccountId: ACCOUNT_ID },
});

const ROLE_CASES: Record<string, RegExp> = {
  "role-cache-empty.json": /it is empty/,
  "role-cache-truncated.json": /it is not valid JSON/,
  "role-cache-not-json.json": /it is not valid JSON/,
  "role-cache-bom.json": /it is not valid JSON/,
  "role-cache-array.json": /it does not hold a JSON object/,
  "role-cache-no-credentials.json": /it has no "Credentials" object/,
  "role-cache-credentials-string.json": /it has no "Credentials" object/,
  "role-cache-proto.json": /it has no "Credentials" object/,
  "role-cache-accessKeyId-number.json": /it has no "AccessKeyId" string/,
  "role-cache-sessionToken-missing.json": /it has no "SessionToken" string/,
  "role-cache-expiration-number.json": /it has no "Expiration" string/,
  "role-cache-expiration-unparseable.json": /it has a "Credentials.Expiration" that is not a timestamp/,
  "role-cache-expiration-impossible.json": /it has a "Credentials.Expiration" that is not a timestamp/,
};

/** Plants a role cache entry, gets credentials, and checks: new credentials, one warning naming the file, no secret quoted. */
async function expectRoleCacheRefetch(prepare: (path: string) => Promise<void>, problem: RegExp, replaced = true): Promise<void> {
  const w = await providerWorld();
  try {
    const dir = join(w.fixture.home, ".aws", "cli", "cache");
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${ROLE_KEY}.json`);
    await prepare(path);
    const credentials = await w.provider({ roleCredentialCache: dir })();
    assert.equal(w.emu.calls.GetRoleCredentials, 1, "fetched from the service");
    assert.notEqual(credentials.accessKeyId, "ASIAROBUSTNESS0001");
    const warnings = w.logger.lines.filter((line) => line.level === "warn").map((line) => line.message);
    assert.ok(warnings[0]?.includes(`ignoring the role credential cache file ${path}: `), warnings.join("\n"));
    assert.match(warnings[0] ?? "", problem);
    for (const secret of ROLE_SECRETS) assert.ok(!warnings.join("\n").includes(secret), "no value of the file is quoted");
    if (replaced) {
      const stats = await lstat(path);
      assert.ok(stats.isFile() && (stats.mode & 0o777) === 0o600, "replaced by a 0600 file");
      assert.match(await readFile(path, "utf8"), new RegExp(credentials.accessKeyId));
    }
  } finally {
    await w.close();
  }
}

for (const [name, problem] of Object.entries(ROLE_CASES)) {
  test(`role cache entry ${name}: a warning (${problem.source}), new credentials, the entry replaced`, () =>
    expectRoleCacheRefetch(async (path) => writeFile(path, await readFile(join(ROLE_CORPUS, name)), { mode: 0o600 }), problem));
}

test("role cache: a directory in place of the entry: a warning, new credentials, the directory left alone", () =>
  expectRoleCacheRefetch((path) => mkdir(path), /it is a directory, not a file/, false));

test("role cache: a symbolic link as the entry (to a valid entry, or dangling): not followed, replaced by a file", async () => {
  await expectRoleCacheRefetch(async (path) => {
    await writeFile(`${path}.elsewhere`, VALID_ROLE_ENTRY, { mode: 0o600 });
    await symlink(`${path}.elsewhere`, path);
  }, /it is a symbolic link, which is not followed \(not trusted\)/);
  await expectRoleCacheRefetch((path) => symlink("/nonexistent/entry.json", path), /it is a symbolic link, which is not followed/);
});

for (const mode of [0o666, 0o660, 0o602]) {
  test(`role cache: a valid entry with mode ${mode.toString(8)} (writable by others than its owner): not trusted, replaced 0600`, () =>
    expectRoleCacheRefetch(async (path) => {
      await writeFile(path, VALID_ROLE_ENTRY);
      await chmod(path, mode);
    }, /it is writable by .* \(mode 0\d{3}\) \(not trusted\)/));
}

test("role cache: a valid entry owned by another user: not trusted (run as a uid other than the owner's)", async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip("needs root, to run the provider as another uid than the entry's owner");
    return;
  }
  const uid = 54_321;
  const w = await providerWorld();
  try {
    const dir = join(w.fixture.home, ".aws", "cli", "cache");
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${ROLE_KEY}.json`);
    await writeFile(path, VALID_ROLE_ENTRY, { mode: 0o600 });
    // Everything the provider reads or writes is the other uid's, except the planted entry (root's, 0644 so it can be read).
    for (const owned of [w.fixture.home, join(w.fixture.home, ".aws"), w.fixture.configPath, join(w.fixture.home, ".aws", "sso"), w.fixture.cacheDir, w.path, join(w.fixture.home, ".aws", "cli"), dir]) {
      await chown(owned, uid, uid);
    }
    await chmod(path, 0o644);
    const init = { profile: "dev", configFilepath: w.fixture.configPath, cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url }, roleCredentialCache: dir };
    const script = `
      const { fromSSO } = await import(${JSON.stringify(fileURLToPath(new URL("../../dist/esm/index.js", import.meta.url)))});
      await import("@aws-sdk/client-sso"); await import("proper-lockfile");
      process.setgid(${uid}); process.setuid(${uid});
      const warnings = [];
      const logger = { debug() {}, info() {}, warn: (m) => warnings.push(String(m)), error() {} };
      const credentials = await fromSSO({ ...${JSON.stringify(init)}, logger })();
      console.log(JSON.stringify({ key: credentials.accessKeyId, warnings }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, HOME: w.fixture.home, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
      timeout: 60_000,
    });
    const outcome = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { key: string; warnings: string[] };
    assert.notEqual(outcome.key, "ASIAROBUSTNESS0001");
    assert.equal(w.emu.calls.GetRoleCredentials, 1);
    assert.match(outcome.warnings[0] ?? "", new RegExp(`ignoring the role credential cache file ${path}: it belongs to another user \\(uid 0\\) \\(not trusted\\)`));
    assert.equal((await lstat(path)).uid, uid, "replaced by the uid's own entry");
  } finally {
    await w.close();
  }
});
