// logout(): what `aws sso logout` removes, for one session or --all, with the SSO Logout call
// (whose failure is ignored), and the names of what was removed.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test, type TestContext } from "node:test";

import { GetRoleCredentialsCommand, SSOClient } from "@aws-sdk/client-sso";

import { logout } from "../../src/index.js";
import { tokenCacheFilePath } from "../../src/token/tokenCacheFilePath.js";
import { IdentityCenterEmulator } from "../emulator/index.js";
import { makeSsoFixture, writeCachedToken } from "../helpers/ssoFixture.js";

const START_URL = "https://emulator.awsapps.com/start";
const OTHER_URL = "https://other.awsapps.com/start";
const CONFIG = `[profile dev]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = ReadOnly

[profile ops]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = Administrator

[profile x]
sso_session = other
sso_account_id = 444455556666
sso_role_name = ReadOnly

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = ReadOnly

[sso-session my-sso]
sso_start_url = ${START_URL}
sso_region = us-east-1

[sso-session other]
sso_start_url = ${OTHER_URL}
sso_region = us-east-1
`;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
/** botocore's key for SSO role credentials in ~/.aws/cli/cache, computed here from its text. */
const cliKey = (text: string) => `${sha1(text)}.json`;
const DEV = cliKey('{"accountId":"111122223333","roleName":"ReadOnly","sessionName":"my-sso"}');
const OPS = cliKey('{"accountId":"111122223333","roleName":"Administrator","sessionName":"my-sso"}');
const X = cliKey('{"accountId":"444455556666","roleName":"ReadOnly","sessionName":"other"}');
const LEGACY = cliKey(`{"accountId":"111122223333","roleName":"ReadOnly","startUrl":"${START_URL}"}`);
const ASSUMED = "0123456789abcdef0123456789abcdef01234567.json";
const REGISTRATION = `${sha1("registration")}.json`;

async function world(t: TestContext) {
  const emu = new IdentityCenterEmulator();
  await emu.start();
  const fixture = await makeSsoFixture(CONFIG);
  t.after(async () => {
    await emu.stop();
    await fixture.cleanup();
  });
  const sessions = { mySso: emu.issueSession({ startUrl: START_URL }), other: emu.issueSession({ startUrl: OTHER_URL }), legacy: emu.issueSession({ startUrl: START_URL }) };
  await writeCachedToken(fixture.cacheDir, "my-sso", sessions.mySso);
  await writeCachedToken(fixture.cacheDir, "other", sessions.other);
  await writeCachedToken(fixture.cacheDir, START_URL, sessions.legacy, { clientId: undefined, clientSecret: undefined, refreshToken: undefined, registrationExpiresAt: undefined });
  const mySsoPath = tokenCacheFilePath(fixture.cacheDir, "my-sso");
  await writeFile(join(fixture.cacheDir, `.${sha1("my-sso")}.json.refresh-rejected`), "{}\n");
  await writeFile(join(fixture.cacheDir, `.${sha1("my-sso")}.json.login`), "{}\n");
  await writeFile(join(fixture.cacheDir, REGISTRATION), JSON.stringify({ clientId: "c", clientSecret: "s", expiresAt: "2099-01-01T00:00:00Z" }));
  const cliCache = join(fixture.home, ".aws", "cli", "cache");
  await mkdir(cliCache, { recursive: true });
  const credentials = (providerType?: string) => JSON.stringify({ ...(providerType ? { ProviderType: providerType } : {}), Credentials: { AccessKeyId: "AKIA", Expiration: "2099-01-01T00:00:00Z" } });
  for (const name of [DEV, OPS, X, LEGACY]) await writeFile(join(cliCache, name), credentials("sso"));
  await writeFile(join(cliCache, ASSUMED), credentials());
  const options = { configFilepath: fixture.configPath, homeDir: fixture.home, clientConfig: { endpoint: emu.url, maxAttempts: 1 }, env: {} };
  return { emu, fixture, sessions, mySsoPath, cliCache, options };
}

async function portalAccepts(emu: IdentityCenterEmulator, accessToken: string): Promise<boolean> {
  const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1 });
  try {
    await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: "111122223333", roleName: "ReadOnly" }));
    return true;
  } catch {
    return false;
  } finally {
    sso.destroy();
  }
}

test("one session: its token (after SSO Logout), our notes beside it, and its profiles' role credentials; nothing else", async (t) => {
  const w = await world(t);
  const result = await logout({ ...w.options, profile: "ops" });
  assert.deepEqual(result.removedFromSsoCache, [`${sha1("my-sso")}.json`, `.${sha1("my-sso")}.json.refresh-rejected`, `.${sha1("my-sso")}.json.login`]);
  assert.deepEqual([...result.removedFromCliCache].sort(), [DEV, OPS].sort());
  assert.equal(result.logoutCalls, 1);
  assert.equal(result.logoutFailures, 0);
  assert.equal(w.emu.calls.Logout, 1);
  assert.equal(await portalAccepts(w.emu, w.sessions.mySso.accessToken), false, "the session ended at the service");
  assert.equal(await portalAccepts(w.emu, w.sessions.other.accessToken), true);
  assert.deepEqual(await readdir(w.fixture.cacheDir), [REGISTRATION, `${sha1("other")}.json`, `${sha1(START_URL)}.json`].sort(), "registrations stay");
  assert.deepEqual((await readdir(w.cliCache)).sort(), [ASSUMED, LEGACY, X].sort());

  // Again: nothing left to remove, and no Logout call.
  const again = await logout({ ...w.options, ssoSession: "my-sso" });
  assert.deepEqual([again.removedFromSsoCache, again.removedFromCliCache, again.logoutCalls], [[], [], 0]);

  // A legacy profile: its start URL's token and its role credentials.
  const legacy = await logout({ ...w.options, profile: "legacy" });
  assert.deepEqual(legacy.removedFromSsoCache, [`${sha1(START_URL)}.json`]);
  assert.deepEqual(legacy.removedFromCliCache, [LEGACY]);
});

test("--all: every token (one SSO Logout each, failures ignored) and every SSO role credential, as aws sso logout", async (t) => {
  const w = await world(t);
  w.emu.failNext("Logout", 1, 500);
  const result = await logout({ ...w.options, all: true });
  assert.deepEqual([...result.removedFromSsoCache].sort(), [`${sha1("my-sso")}.json`, `.${sha1("my-sso")}.json.refresh-rejected`, `.${sha1("my-sso")}.json.login`, `${sha1("other")}.json`, `${sha1(START_URL)}.json`].sort());
  assert.deepEqual([...result.removedFromCliCache].sort(), [DEV, OPS, X, LEGACY].sort());
  assert.equal(result.logoutCalls, 3);
  assert.equal(result.logoutFailures, 1);
  assert.deepEqual(await readdir(w.fixture.cacheDir), [REGISTRATION]);
  assert.deepEqual(await readdir(w.cliCache), [ASSUMED], "credentials of other kinds stay");
});
