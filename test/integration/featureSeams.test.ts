// Where the features meet: a profile that chains from SSO logs in and out with its SSO root; logout
// signs out and removes a token kept aside when the cache could not take it, and a session file that
// is not a token; the endpoint serves a chained profile's own region and never a half-used role cache
// entry; a FIFO at a login note blocks nothing. Each of these was broken when the features were joined.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";

import { fromSSO, logout } from "../../src/index.js";
import { loadSharedConfig } from "../../src/config/loadSharedConfig.js";
import { LoginNote } from "../../src/login/LoginNote.js";
import { resolveLoginSession } from "../../src/login/resolveLoginSession.js";
import { CredentialResolver } from "../../src/provider/CredentialResolver.js";
import { resolveProviderSettings } from "../../src/provider/resolveProviderSettings.js";
import { ServedCredentials } from "../../src/server/ServedCredentials.js";
import { HeldTokenStore } from "../../src/token/HeldTokenStore.js";
import { readTokenFile } from "../../src/token/readTokenFile.js";
import { chainWorld } from "../role-credentials/chainWorld.js";
import { providerWorld } from "../helpers/providerWorld.js";

test("a profile that chains from SSO logs in, lists and logs out with the session of its SSO root", async (t) => {
  const w = await chainWorld();
  t.after(() => w.close());
  const { config, configPath } = await loadSharedConfig({ configFilepath: w.fixture.configPath, env: {} });
  const session = resolveLoginSession({ profile: "admin", config, configPath });
  assert.equal(session.ssoSession, "my-sso", "admin → deploy → dev, whose session is my-sso");
  const result = await logout({
    profile: "admin",
    configFilepath: w.fixture.configPath,
    cacheDir: w.fixture.cacheDir,
    homeDir: w.fixture.home,
    clientConfig: { endpoint: w.emu.url },
  });
  assert.deepEqual(result.removedFromSsoCache, [w.path.split("/").at(-1)], "the root session's token file");
  assert.equal(result.logoutCalls, 1);
});

test("logout signs out and removes a token kept aside (the cache could not take it), and removes a session file that is not a token", async (t) => {
  const w = await providerWorld({ emulator: { rotation: "rotate" } });
  t.after(() => w.close());
  const env = { ...process.env, XDG_RUNTIME_DIR: `${w.fixture.home}/run` };
  const store = new HeldTokenStore(HeldTokenStore.defaultDir(env));
  const onDisk = await readTokenFile(w.path, { ssoSession: "my-sso" });
  assert.ok(onDisk);
  // A refreshed token, kept aside while the file still holds the old one.
  await store.write(w.path, onDisk.withRefresh({ accessToken: w.emu.issueSession({ startUrl: "https://emulator.awsapps.com/start" }).accessToken, expiresInSeconds: 3600 }, Date.now()), onDisk);
  assert.equal((await readdir(`${w.fixture.home}/run/aws-sso-credential-provider`)).length, 1);
  const options = { profile: "dev", configFilepath: w.fixture.configPath, cacheDir: w.fixture.cacheDir, homeDir: w.fixture.home, env, clientConfig: { endpoint: w.emu.url } };
  const result = await logout(options);
  assert.equal(result.logoutCalls, 2, "the file's token and the kept one are both signed out");
  assert.equal(w.emu.calls.Logout, 2);
  assert.equal(result.removedKeptTokens.length, 1);
  assert.deepEqual(await readdir(`${w.fixture.home}/run/aws-sso-credential-provider`), [], "nothing kept at rest");

  // A session file that is not a token at all: the other commands exit 74 on it; logout removes it.
  await writeFile(w.path, "{not json");
  const again = await logout(options);
  assert.deepEqual(again.removedFromSsoCache, [w.path.split("/").at(-1)]);
});

test("the endpoint serves a chained profile's own region, not its SSO root's", async (t) => {
  const w = await chainWorld();
  t.after(() => w.close());
  const resolver = new CredentialResolver(
    resolveProviderSettings({ configFilepath: w.fixture.configPath, cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url }, env: {} }),
  );
  t.after(() => resolver.close());
  const resolved = await resolver.resolve("admin");
  assert.equal(new ServedCredentials(resolved, Date.now()).region, "eu-central-1");
});

test("for the endpoint, a role cache entry with less than 17 minutes left is fetched anew, never handed on half used", async (t) => {
  const w = await providerWorld();
  t.after(() => w.close());
  const dir = join(w.fixture.home, ".aws", "cli", "cache");
  const base = { profile: "dev", configFilepath: w.fixture.configPath, cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url }, roleCredentialCache: dir, env: {} };
  await fromSSO(base)();
  // The entry now expires in 8 minutes (as one a long-lived process wrote an hour ago would).
  const [name] = await readdir(dir);
  const path = join(dir, name as string);
  const entry = JSON.parse(await readFile(path, "utf8")) as { Credentials: { Expiration: string } };
  entry.Credentials.Expiration = new Date(Date.now() + 8 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  await writeFile(path, JSON.stringify(entry), { mode: 0o600 });
  w.emu.resetCalls();
  assert.ok((await fromSSO(base)()).expiration.getTime() - Date.now() < 9 * 60_000, "a plain provider uses it (outside its 5-minute window)");
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
  // The resolver the CLI makes for serve and exec --serve fetches (its window is 17 minutes).
  const { createCliResolver } = await import("../../src/cli/createCliResolver.js");
  const env = { HOME: w.fixture.home, AWS_CONFIG_FILE: w.fixture.configPath };
  const io = { stdout: process.stdout, stderr: process.stderr, env, stdoutIsTTY: false, stderrIsTTY: false, version: "test" };
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  // The SDK clients read their endpoint from process.env, not from the env the resolver is given.
  const saved = process.env.AWS_ENDPOINT_URL_SSO;
  process.env.AWS_ENDPOINT_URL_SSO = w.emu.url;
  t.after(() => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SSO;
    else process.env.AWS_ENDPOINT_URL_SSO = saved;
  });
  const plain = createCliResolver(io as never, { profile: "dev" }, quiet);
  await plain.resolve("dev");
  await plain.close();
  assert.equal(w.emu.calls.GetRoleCredentials, 0, "exec, env, credential-process use the entry");
  const served = createCliResolver(io as never, { profile: "dev" }, quiet, true);
  const fresh = await served.resolve("dev");
  await served.close();
  assert.equal(w.emu.calls.GetRoleCredentials, 1, "serve and exec --serve fetch anew");
  assert.ok(fresh.credentials.expiration.getTime() - Date.now() > 50 * 60_000);
});

test("a FIFO at a login note is no note: reading it neither blocks nor throws", async (t) => {
  const w = await providerWorld();
  t.after(() => w.close());
  execFileSync("mkfifo", [LoginNote.pathFor(w.path)]);
  assert.equal(await LoginNote.read(w.path), undefined);
});
