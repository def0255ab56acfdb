import assert from "node:assert/strict";
import { chmod, readFile, truncate, unlink, writeFile } from "node:fs/promises";
import { test } from "node:test";

import { writeCachedToken } from "../helpers/ssoFixture.js";
import {
  expireCache,
  interopWorld,
  modeOf,
  ourCredentials,
  readCache,
  SESSION_NAME,
  SESSION_PROFILE,
  START_URL,
  type InteropWorld,
} from "./helpers/interopWorld.js";
import { PeerProcess, runPeer } from "./helpers/peers.js";

// One token cache, shared both ways with the AWS SDK for JavaScript's own `fromSSO`
// (@aws-sdk/credential-providers), run as real processes. Its token provider
// (@aws-sdk/token-providers fromSso) refreshes inside 5 minutes of expiry, like ours, and writes
// `{ ...whatItRead, accessToken, expiresAt: toISOString() (milliseconds), refreshToken }` with
// JSON.stringify(_, null, 2) and a plain fs.writeFile: no lock, no temp file, no mode.

async function withWorld(body: (world: InteropWorld) => Promise<void>): Promise<void> {
  const world = await interopWorld({ rotation: "rotate", accessTokenTtlSeconds: 3600 });
  try {
    await body(world);
  } finally {
    await world.stop();
  }
}

function jsSdkCredentials(world: InteropWorld) {
  return runPeer("js-sdk", "credentials", { profile: SESSION_PROFILE }, world.env);
}

test("the JS SDK's fromSSO uses the token our refresh wrote as it is: no CreateToken", async () => {
  await withWorld(async (world) => {
    await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    assert.equal((await ourCredentials(world, SESSION_PROFILE)).error, undefined);
    assert.equal(world.emu.calls.CreateToken, 1, "ours refreshed the expired token");
    const written = await readFile(world.sessionPath, "utf8");

    world.emu.resetCalls();
    const js = await jsSdkCredentials(world);
    assert.equal(js.ok, true, `the JS SDK got credentials: ${js.error?.message}`);
    assert.deepEqual(js.createToken, { ok: 0, failed: 0 });
    assert.equal(world.emu.calls.CreateToken, 0);
    assert.equal(world.emu.calls.GetRoleCredentials, 1);
    assert.equal(js.accessKeyId, world.emu.issuedRoleCredentials.at(-1)?.accessKeyId);
    assert.equal(await readFile(world.sessionPath, "utf8"), written, "the JS SDK did not rewrite the file");
  });
});

test("ours uses a session token the JS SDK refreshed (expiresAt with milliseconds): no CreateToken", async (t) => {
  await withWorld(async (world) => {
    const session = world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true });
    await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, session, { "x-other-tool": { kept: true } });
    const js = await jsSdkCredentials(world);
    assert.equal(js.ok, true, `the JS SDK got credentials: ${js.error?.message}`);
    assert.deepEqual(js.createToken, { ok: 1, failed: 0 }, "the JS SDK refreshed the expired token");
    const jsText = await readFile(world.sessionPath, "utf8");
    const jsFile = JSON.parse(jsText) as Record<string, unknown>;
    t.diagnostic(`the JS SDK wrote expiresAt ${JSON.stringify(jsFile.expiresAt)}, kept x-other-tool: ${"x-other-tool" in jsFile}, mode ${(await modeOf(world.sessionPath)).toString(8)} (the file existed: its mode is kept)`);
    assert.equal(jsFile.refreshToken, world.emu.latestRefreshToken);

    world.emu.resetCalls();
    const ours = await ourCredentials(world, SESSION_PROFILE);
    assert.equal(ours.error, undefined);
    assert.equal(world.emu.calls.CreateToken, 0, "ours did not refresh again");
    assert.equal(world.emu.calls.GetRoleCredentials, 1);
    assert.equal(await readFile(world.sessionPath, "utf8"), jsText, "ours left the JS SDK's file as it was");

    // And our next refresh keeps what the JS SDK kept.
    await expireCache(world.sessionPath);
    assert.equal((await ourCredentials(world, SESSION_PROFILE)).error, undefined);
    assert.equal(world.emu.calls.CreateToken, 1);
    assert.deepEqual((await readCache(world.sessionPath))["x-other-tool"], { kept: true });
  });
});

test("a cache file the JS SDK created with mode 0644 ends 0600 after our write", async (t) => {
  await withWorld(async (world) => {
    await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    // The JS SDK creates the file only when it is gone by the time it writes (writeFile keeps an
    // existing file's mode): remove it while the SDK's CreateToken is on the wire, as
    // `aws sso logout` or a cleanup would.
    world.emu.configure({ latencyMs: { CreateToken: 1_000 } });
    const js = PeerProcess.start("js-sdk", "credentials", { profile: SESSION_PROFILE }, world.env);
    try {
      await world.emu.waitUntil(() => world.emu.calls.CreateToken === 1, 60_000);
      await unlink(world.sessionPath);
      const result = await js.result;
      assert.equal(result.ok, true, `the JS SDK got credentials: ${result.error?.message}`);
    } finally {
      js.stop();
    }
    world.emu.configure({ latencyMs: 0 });
    const created = await modeOf(world.sessionPath);
    t.diagnostic(`the JS SDK created the file with mode ${created.toString(8)} (umask ${process.umask().toString(8)})`);
    if (created !== 0o644) await chmod(world.sessionPath, 0o644); // a stricter umask; the case is a 0644 file
    const jsFile = await readCache(world.sessionPath);

    await expireCache(world.sessionPath); // in place: the mode stays 0644
    assert.equal(await modeOf(world.sessionPath), 0o644);
    world.emu.resetCalls();
    assert.equal((await ourCredentials(world, SESSION_PROFILE)).error, undefined);
    assert.equal(world.emu.calls.CreateToken, 1, "ours refreshed");
    assert.equal(await modeOf(world.sessionPath), 0o600, "our write left the file private");
    const ourFile = await readCache(world.sessionPath);
    for (const field of ["clientId", "clientSecret", "registrationExpiresAt", "startUrl", "region"]) {
      assert.deepEqual(ourFile[field], jsFile[field], `${field} unchanged`);
    }
  });
});

test(
  "a cache file caught in the middle of the JS SDK's non-atomic write (empty for a moment) does not fail ours",
  async () => {
    await withWorld(async (world) => {
      const session = world.emu.issueSession({ startUrl: START_URL });
      const path = await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, session);
      const text = await readFile(path, "utf8");
      // fs.writeFile opens with O_TRUNC, then writes: between the two, every reader sees an empty file.
      await truncate(path, 0);
      const finish = new Promise<void>((resolve, reject) => {
        setTimeout(() => writeFile(path, text).then(resolve, reject), 50);
      });
      const ours = await ourCredentials(world, SESSION_PROFILE);
      await finish;
      assert.equal(ours.error, undefined, `ours failed: ${ours.error?.message}`);
      assert.equal(world.emu.calls.GetRoleCredentials, 1);
    });
  },
);
