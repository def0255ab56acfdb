// The shared role credential cache (~/.aws/cli/cache): the AWS CLI's keys and formats, entries used
// until the refresh window, forceRefresh, and a cache that never fails a call the service could answer.
import assert from "node:assert/strict";
import { copyFile, chmod, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { InvalidOptionError } from "../../src/index.js";
import { assumeRoleCacheKey } from "../../src/role-credentials/assumeRoleCacheKey.js";
import { readRoleCacheFile } from "../../src/role-credentials/readRoleCacheFile.js";
import { ssoRoleCacheKey } from "../../src/role-credentials/ssoRoleCacheKey.js";
import { providerWorld, START_URL, type ProviderWorld } from "../helpers/providerWorld.js";
import { ACCOUNT_ID, ROLE_NAME } from "../helpers/ssoFixture.js";
import { ROLE_A, ROLE_B, chainWorld } from "./chainWorld.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/role-cache/", import.meta.url));
/** The key of the worlds' SSO profile: account 111122223333, role ReadOnly, session my-sso. */
const DEV_KEY = ssoRoleCacheKey({ accountId: ACCOUNT_ID, roleName: ROLE_NAME, ssoSession: "my-sso", startUrl: START_URL });

const warnings = (w: ProviderWorld): string[] => w.logger.lines.filter((line) => line.level === "warn").map((line) => line.message);
const roleCacheDir = (w: ProviderWorld): string => join(w.fixture.home, ".aws", "cli", "cache");
const cached = (w: ProviderWorld, extra: Parameters<ProviderWorld["provider"]>[0] = {}) =>
  w.provider({ roleCredentialCache: roleCacheDir(w), ...extra });

describe("cache keys: botocore's, byte for byte", () => {
  // Reference values from botocore 1.43.11 itself: SSOCredentialFetcher(...)._cache_key and
  // AssumeRoleCredentialFetcher(...)._cache_key (botocore/credentials.py), for the same inputs.
  test("SSO role: sha1 of the compact, sorted JSON of account, role and session (or start URL)", () => {
    assert.equal(DEV_KEY, "0521d1f6a6c4e68f9e18540309367cc3cccb6305");
    assert.equal(ssoRoleCacheKey({ accountId: ACCOUNT_ID, roleName: ROLE_NAME, ssoSession: undefined, startUrl: START_URL }), "9643e1ce3f813092419b52aa234a457babbfe899");
    assert.equal(ssoRoleCacheKey({ accountId: ACCOUNT_ID, roleName: "Rôle", ssoSession: "sessión", startUrl: START_URL }), "07e580c250ec7f9cbf189a4f5d2b2487b874db2b");
  });

  test("assumed role: sha1 of the sorted JSON (default separators) of the arguments the profile sets", () => {
    assert.equal(assumeRoleCacheKey({ roleArn: ROLE_A }), "3e250895b081421546d09f47a722203fe19f44de");
    assert.equal(
      assumeRoleCacheKey({ roleArn: ROLE_A, roleSessionName: "ci-run", externalId: "ext-1234", serialNumber: "arn:aws:iam::111122223333:mfa/me", durationSeconds: 1800 }),
      "0817d6488279941537907b44a48ce8149e5abf1a",
    );
  });
});

describe("SSO role credentials in the shared cache", () => {
  test("written in the AWS CLI's format (0600 in a 0700 directory), then used by a new provider with no call", async (t) => {
    const w = await providerWorld();
    t.after(() => w.close());
    const first = await cached(w)();
    assert.equal(w.emu.calls.GetRoleCredentials, 1);
    const path = join(roleCacheDir(w), `${DEV_KEY}.json`);
    const text = await readFile(path, "utf8");
    const expiration = first.expiration.toISOString().replace(/\.\d{3}Z$/, "Z");
    assert.equal(
      text,
      `{"ProviderType": "sso", "Credentials": {"AccessKeyId": "${first.accessKeyId}", "SecretAccessKey": "${first.secretAccessKey}", ` +
        `"SessionToken": "${first.sessionToken}", "Expiration": "${expiration}", "AccountId": "${ACCOUNT_ID}"}}`,
    );
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(roleCacheDir(w))).mode & 0o777, 0o700);
    assert.equal((await stat(join(w.fixture.home, ".aws", "cli"))).mode & 0o777, 0o700);
    assert.deepEqual((await readdir(roleCacheDir(w))).sort(), [`${DEV_KEY}.json`], "no temp file or lock left behind");

    // A new provider (a new process): the file's credentials, and neither the token nor the service is needed.
    await rm(w.path);
    const second = await cached(w)();
    assert.equal(w.emu.calls.GetRoleCredentials, 1);
    assert.equal(second.accessKeyId, first.accessKeyId);
    assert.equal(second.secretAccessKey, first.secretAccessKey);
    assert.equal(second.expiration.getTime(), Math.floor(first.expiration.getTime() / 1000) * 1000);
    assert.deepEqual(second.$source, { CREDENTIALS_SSO: "s" });
    assert.notEqual(second, first);
  });

  test("forceRefresh bypasses the entry; an entry inside the refresh window is replaced", async (t) => {
    const w = await providerWorld();
    t.after(() => w.close());
    const first = await cached(w)();
    const forced = await cached(w)({ forceRefresh: true });
    assert.equal(w.emu.calls.GetRoleCredentials, 2);
    assert.notEqual(forced.accessKeyId, first.accessKeyId);
    const path = join(roleCacheDir(w), `${DEV_KEY}.json`);
    assert.match(await readFile(path, "utf8"), new RegExp(forced.accessKeyId));

    // Four minutes left, a five-minute window: fetched again.
    const soon = new Date(Date.now() + 240_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    await writeFile(path, (await readFile(path, "utf8")).replace(/"Expiration": "[^"]+"/, `"Expiration": "${soon}"`));
    const renewed = await cached(w)();
    assert.equal(w.emu.calls.GetRoleCredentials, 3);
    assert.match(await readFile(path, "utf8"), new RegExp(renewed.accessKeyId));
    assert.deepEqual(warnings(w), []);
  });

  test("an entry as AWS CLI v2 writes it is used: no GetRoleCredentials", async (t) => {
    const w = await providerWorld();
    t.after(() => w.close());
    await mkdir(roleCacheDir(w), { recursive: true, mode: 0o700 });
    await copyFile(join(FIXTURES, "aws-cli-v2-sso.json"), join(roleCacheDir(w), `${DEV_KEY}.json`));
    await chmod(join(roleCacheDir(w), `${DEV_KEY}.json`), 0o600);
    const credentials = await cached(w)();
    assert.equal(w.emu.calls.GetRoleCredentials, 0);
    assert.equal(credentials.accessKeyId, "ASIAFIXTUREAWSCLIV2");
    assert.equal(credentials.sessionToken, "fixture-session-token-aws-cli-v2-0001");
    assert.equal(credentials.expiration.toISOString(), "2099-01-01T00:00:00.000Z");
    assert.equal(credentials.accountId, ACCOUNT_ID);
  });

  test("off by default in the library: nothing is written under ~/.aws/cli; true means ~/.aws/cli/cache", async (t) => {
    const w = await providerWorld();
    t.after(() => w.close());
    await w.provider({ homeDir: w.fixture.home })();
    await assert.rejects(stat(join(w.fixture.home, ".aws", "cli")), { code: "ENOENT" });
    await w.provider({ homeDir: w.fixture.home, roleCredentialCache: true })();
    assert.deepEqual(await readdir(roleCacheDir(w)), [`${DEV_KEY}.json`]);
    assert.throws(() => w.provider({ roleCredentialCache: "" }), InvalidOptionError);
    assert.throws(() => w.provider({ roleCredentialCache: 1 as unknown as boolean }), InvalidOptionError);
    assert.throws(() => w.provider({ mfaCodeProvider: "123456" as unknown as () => Promise<string> }), /The `mfaCodeProvider` option is "123456"; it must be a function/);
    assert.throws(() => w.provider({ roleAssumer: {} as unknown as () => Promise<never> }), InvalidOptionError);
  });
});

describe("assumed-role credentials in the shared cache", () => {
  test("each hop under botocore's key, in the AWS CLI's format; a new provider needs no call, and no token", async (t) => {
    const w = await chainWorld();
    t.after(() => w.close());
    const first = await cached(w, { profile: "admin" })();
    assert.deepEqual([w.emu.calls.GetRoleCredentials, w.emu.calls.AssumeRole], [1, 2]);
    const names = (await readdir(roleCacheDir(w))).sort();
    assert.deepEqual(names, [`${DEV_KEY}.json`, `${assumeRoleCacheKey({ roleArn: ROLE_A })}.json`, `${assumeRoleCacheKey({ roleArn: ROLE_B })}.json`].sort());
    const top = JSON.parse(await readFile(join(roleCacheDir(w), `${assumeRoleCacheKey({ roleArn: ROLE_B })}.json`), "utf8")) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(top), ["Credentials", "AssumedRoleUser", "ResponseMetadata"]);
    assert.deepEqual(Object.keys(top.Credentials ?? {}), ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "AccountId"]);
    assert.equal(top.Credentials?.AccessKeyId, first.accessKeyId);
    assert.equal(top.Credentials?.AccountId, "555566667777");
    assert.match(String(top.Credentials?.Expiration), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(String(top.AssumedRoleUser?.Arn), /^arn:aws:sts::555566667777:assumed-role\/Admin\/aws-sdk-js-\d+$/);
    assert.equal(top.ResponseMetadata?.HTTPStatusCode, 200);

    await rm(w.path);
    const second = await cached(w, { profile: "admin" })();
    assert.equal(second.accessKeyId, first.accessKeyId);
    assert.deepEqual([w.emu.calls.GetRoleCredentials, w.emu.calls.AssumeRole], [1, 2]);
    assert.deepEqual(second.$source, { CREDENTIALS_STS_ASSUME_ROLE: "i", CREDENTIALS_PROFILE_SOURCE_PROFILE: "o" });
  });

  test("only the stale link is fetched again: the top hop's entry gone, the rest from the cache", async (t) => {
    const w = await chainWorld();
    t.after(() => w.close());
    await cached(w, { profile: "admin" })();
    await rm(join(roleCacheDir(w), `${assumeRoleCacheKey({ roleArn: ROLE_B })}.json`));
    await cached(w, { profile: "admin" })();
    assert.deepEqual([w.emu.calls.GetRoleCredentials, w.emu.calls.AssumeRole], [1, 3]);
    // forceRefresh: the last link only.
    await cached(w, { profile: "admin" })({ forceRefresh: true });
    assert.deepEqual([w.emu.calls.GetRoleCredentials, w.emu.calls.AssumeRole], [1, 4]);
  });

  for (const [fixture, who] of [["aws-cli-assume-role.json", "the AWS CLI"], ["boto3-assume-role.json", "a boto3 program (Expiration ...UTC)"]]) {
    test(`an assumed-role entry as ${who} writes it is used: no AssumeRole`, async (t) => {
      const w = await chainWorld();
      t.after(() => w.close());
      await mkdir(roleCacheDir(w), { recursive: true, mode: 0o700 });
      const path = join(roleCacheDir(w), `${assumeRoleCacheKey({ roleArn: ROLE_A })}.json`);
      await copyFile(join(FIXTURES, fixture as string), path);
      await chmod(path, 0o600);
      const credentials = await cached(w, { profile: "deploy" })();
      assert.equal(credentials.accessKeyId, "ASIAFIXTUREASSUMED1");
      assert.equal(credentials.accountId, "222233334444");
      assert.equal(credentials.expiration.toISOString(), "2099-01-01T00:00:00.000Z");
      assert.deepEqual([w.emu.calls.GetRoleCredentials, w.emu.calls.AssumeRole], [0, 0]);
    });
  }
});

describe("a cache that never fails a call the service could answer", () => {
  const cases: [string, (path: string) => Promise<void>, RegExp][] = [
    ["not JSON", (path) => writeFile(path, "{not json", { mode: 0o600 }), /is not valid JSON/],
    ["empty", (path) => writeFile(path, "", { mode: 0o600 }), /is empty/],
    ["no SessionToken", (path) => writeFile(path, '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "B", "Expiration": "2099-01-01T00:00:00Z"}}', { mode: 0o600 }), /has no "SessionToken" string/],
    ["an impossible Expiration", (path) => writeFile(path, '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "B", "SessionToken": "C", "Expiration": "2099-02-31T00:00:00Z"}}', { mode: 0o600 }), /not a timestamp/],
    ["writable by others", async (path) => {
      await copyFile(join(FIXTURES, "aws-cli-v2-sso.json"), path);
      await chmod(path, 0o666);
    }, /is writable by group and others \(mode 0666\) \(not trusted\)/],
    ["writable by its group", async (path) => {
      await copyFile(join(FIXTURES, "aws-cli-v2-sso.json"), path);
      await chmod(path, 0o620);
    }, /is writable by its group/],
    ["a symbolic link", async (path) => {
      const target = `${path}.target`;
      await copyFile(join(FIXTURES, "aws-cli-v2-sso.json"), target);
      await symlink(target, path);
    }, /is a symbolic link, which is not followed/],
    ["a directory", (path) => mkdir(path), /is a directory, not a file/],
  ];
  for (const [name, prepare, problem] of cases) {
    test(`${name}: a warning naming the file, new credentials, and the file replaced where it can be`, async (t) => {
      const w = await providerWorld();
      t.after(() => w.close());
      await mkdir(roleCacheDir(w), { recursive: true, mode: 0o700 });
      const path = join(roleCacheDir(w), `${DEV_KEY}.json`);
      await prepare(path);
      const provider = cached(w);
      const credentials = await provider();
      assert.equal(w.emu.calls.GetRoleCredentials, 1);
      assert.notEqual(credentials.accessKeyId, "ASIAFIXTUREAWSCLIV2");
      const [warning, ...more] = warnings(w);
      assert.ok(warning?.includes(`ignoring the role credential cache file ${path}`), warning);
      assert.match(warning ?? "", problem);
      if (name === "a directory") {
        assert.match(more.join("\n"), /could not write the role credential cache file .* \(EISDIR\)/);
      } else {
        assert.deepEqual(more, []);
        const stats = await stat(path, { bigint: false });
        assert.ok(stats.isFile(), "a link is replaced by a file, not followed");
        assert.equal(stats.mode & 0o777, 0o600);
        assert.match(await readFile(path, "utf8"), new RegExp(credentials.accessKeyId));
      }
      if (name === "a symbolic link") assert.match(await readFile(`${path}.target`, "utf8"), /ASIAFIXTUREAWSCLIV2/, "the link's target is untouched");
      // The warning once per file and problem (per provider), not on every call.
      await provider({ forceRefresh: true });
      assert.equal(warnings(w).filter((line) => line.includes("ignoring")).length, 1);
    });
  }

  test("another user's file is not trusted (read as a user other than its owner)", async () => {
    const path = join(FIXTURES, "aws-cli-v2-sso.json");
    const owner = (await stat(path)).uid;
    const read = await readRoleCacheFile(path, owner + 1);
    assert.equal(read.kind, "unusable");
    assert.match((read as { problem: string }).problem, new RegExp(`belongs to another user \\(uid ${owner}\\)`));
    assert.equal((await readRoleCacheFile(path, owner)).kind, "entry");
  });

  test("a cache directory that cannot be made: warnings, and the credentials all the same", async (t) => {
    const w = await providerWorld();
    t.after(() => w.close());
    const blocker = join(w.fixture.home, "a-file");
    await writeFile(blocker, "");
    const credentials = await w.provider({ roleCredentialCache: join(blocker, "cache") })();
    assert.ok(credentials.accessKeyId);
    const lines = warnings(w).join("\n");
    assert.match(lines, /could not take the lock .*a-file\/cache\/[0-9a-f]{40}\.json\.lock \(ENOTDIR\); fetching role credentials without it/);
    assert.match(lines, /could not write the role credential cache file .* \(ENOTDIR\)/);
  });
});
