// After our login, the other tools use its token as it is: botocore (boto3, a real Python process),
// the AWS SDK for JavaScript's own fromSSO, and our provider, with no CreateToken of their own.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test, type TestContext } from "node:test";

import { login, type LoginOptions } from "../../src/index.js";
import { visitLikeABrowser } from "../emulator/visitLikeABrowser.js";
import { interopWorld, LEGACY_PROFILE, ourCredentials, SESSION_NAME, SESSION_PROFILE, START_URL, type InteropWorld } from "../interop/helpers/interopWorld.js";
import { assertBuilt, findBotocore, runPeer } from "../interop/helpers/peers.js";

async function world(t: TestContext): Promise<InteropWorld> {
  const w = await interopWorld({ rotation: "rotate", accessTokenTtlSeconds: 3600, autoApproveDevices: true });
  t.after(() => w.stop());
  return w;
}

function loginOptions(w: InteropWorld, extra: LoginOptions = {}): LoginOptions {
  return {
    profile: SESSION_PROFILE,
    configFilepath: w.fixture.configPath,
    cacheDir: w.fixture.cacheDir,
    homeDir: w.fixture.home,
    clientConfig: { endpoint: w.emu.url },
    onPrompt: () => undefined,
    browser: async (url) => {
      await visitLikeABrowser(url);
      return { opened: true };
    },
    ...extra,
  };
}

test("after our login (PKCE), botocore, the JS SDK's fromSSO and our provider use the token: 0 CreateToken", async (t) => {
  assertBuilt();
  const w = await world(t);
  await login(loginOptions(w));
  const written = await readFile(w.sessionPath, "utf8");
  w.emu.resetCalls();

  const found = findBotocore();
  if ("missing" in found) {
    t.diagnostic(`botocore not installed (${found.missing}): its part of this test is skipped`);
  } else {
    const loaded = await runPeer("botocore", "load-token", { cacheDir: w.fixture.cacheDir, startUrl: START_URL, sessionName: SESSION_NAME }, w.env, found.python);
    assert.equal(loaded.ok, true, `botocore's SSOTokenLoader read our file: ${loaded.error?.message}`);
    assert.deepEqual(loaded.fields, ["accessToken", "clientId", "clientSecret", "expiresAt", "refreshToken", "region", "registrationExpiresAt", "startUrl"]);
    assert.equal(loaded.expiresAtHasZone, true);
    const boto = await runPeer("botocore", "credentials", { profile: SESSION_PROFILE }, w.env, found.python);
    assert.equal(boto.ok, true, `boto3 got credentials: ${boto.error?.message}`);
    assert.equal(boto.refreshed || boto.refreshFailed, false, "botocore did not refresh");
  }

  const js = await runPeer("js-sdk", "credentials", { profile: SESSION_PROFILE }, w.env);
  assert.equal(js.ok, true, `the JS SDK's fromSSO got credentials: ${js.error?.message}`);
  assert.deepEqual(js.createToken, { ok: 0, failed: 0 });

  const ours = await ourCredentials(w, SESSION_PROFILE);
  assert.equal(ours.error, undefined);

  assert.equal(w.emu.calls.CreateToken, 0, "nobody refreshed the token our login wrote");
  assert.equal(w.emu.calls.GetRoleCredentials, "missing" in found ? 2 : 3);
  assert.equal(await readFile(w.sessionPath, "utf8"), written, "nobody rewrote it");
});

test("after our device login of a legacy profile, botocore and the JS SDK use its start URL's token", async (t) => {
  assertBuilt();
  const w = await world(t);
  const result = await login(loginOptions(w, { profile: LEGACY_PROFILE }));
  assert.equal(result.flow, "device");
  assert.equal(result.cacheFile, w.legacyPath);
  w.emu.resetCalls();
  const found = findBotocore();
  if (!("missing" in found)) {
    const boto = await runPeer("botocore", "credentials", { profile: LEGACY_PROFILE }, w.env, found.python);
    assert.equal(boto.ok, true, `boto3 got credentials: ${boto.error?.message}`);
  }
  const js = await runPeer("js-sdk", "credentials", { profile: LEGACY_PROFILE }, w.env);
  assert.equal(js.ok, true, `the JS SDK's fromSSO got credentials: ${js.error?.message}`);
  assert.equal(w.emu.calls.CreateToken, 0);
});
