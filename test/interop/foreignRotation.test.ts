import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";

import { writeCachedToken } from "../helpers/ssoFixture.js";
import {
  expireCache,
  interopWorld,
  ourCredentials,
  readCache,
  SESSION_NAME,
  SESSION_PROFILE,
  START_URL,
} from "./helpers/interopWorld.js";
import { findBotocore, PeerProcess, runPeer, type PeerKind } from "./helpers/peers.js";

// A foreign tool rotates the refresh token under us: it sent CreateToken with the refresh token
// first, ours sent the same one a moment later (the foreign tool took no lock), so ours gets
// invalid_grant while the foreign process writes the new token. Ours must re-read the cache and
// adopt that token instead of failing. The emulator holds every CreateToken for a second, so
// ours' request is sent while the foreign one is pending and is answered after it.

const LATENCY_MS = 1_000;
const ATTEMPTS = 3;

async function foreignRotatesUnderUs(t: TestContext, kind: Exclude<PeerKind, "ours">): Promise<void> {
  let python: string | undefined;
  if (kind === "botocore") {
    const found = findBotocore();
    if ("missing" in found) {
      t.skip(`botocore not installed: ${found.missing}`);
      return;
    }
    python = found.python;
  }
  const world = await interopWorld({ rotation: "rotate", accessTokenTtlSeconds: 3600, latencyMs: { CreateToken: LATENCY_MS } });
  try {
    // Ours' request must reach the emulator before the foreign one is answered; on a machine
    // too loaded for that, ours simply finds the foreign token on file, and the case is tried again.
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
      world.emu.resetCalls();
      const foreign = PeerProcess.start(kind, "credentials", { profile: SESSION_PROFILE }, world.env, python);
      try {
        await world.emu.waitUntil(() => world.emu.calls.CreateToken === 1, 60_000);
        const ours = await ourCredentials(world, SESSION_PROFILE);
        const result = await foreign.result;
        for (const line of ours.log) t.diagnostic(`attempt ${attempt}, ours ${line.level}: ${line.message}`);
        assert.equal(ours.error, undefined, `ours failed: ${ours.error?.name}: ${ours.error?.message}`);
        assert.equal(result.ok, true, `the ${kind} process got credentials: ${result.error?.message}`);
        const adopted = ours.log.some((line) => line.message.includes("another process rotated the refresh token"));
        if (!adopted) {
          t.diagnostic(`attempt ${attempt}: ours' CreateToken came after the ${kind} process's answer; trying again`);
          continue;
        }
        assert.equal(world.emu.calls.CreateToken, 2, `the ${kind} process's call, then ours (invalid_grant)`);
        const cache = await readCache(world.sessionPath);
        assert.equal(cache.refreshToken, world.emu.latestRefreshToken, `the cache holds what the ${kind} process got`);
        assert.equal(ours.credentials?.accessKeyId, world.emu.issuedRoleCredentials.at(-1)?.accessKeyId);
        return;
      } finally {
        foreign.stop();
      }
    }
    assert.fail(`in ${ATTEMPTS} attempts, ours' CreateToken never reached the emulator before the ${kind} process's was answered`);
  } finally {
    await world.stop();
  }
}

test("the JS SDK rotates the refresh token under us: ours adopts the token it wrote", (t) => foreignRotatesUnderUs(t, "js-sdk"));

test("botocore rotates the refresh token under us: ours adopts the token it wrote", (t) => foreignRotatesUnderUs(t, "botocore"));

// A service that answers a refresh with no new refresh token (the old one stays valid): both
// foreign tools then write the file without any refresh token (botocore rebuilds the record and
// adds refreshToken only when the response has one; the JS SDK spreads `refreshToken: undefined`).
// Nobody can refresh after that. Ours uses the token while it lasts, then asks for a login.
test("a foreign refresh that drops the refresh token (service without rotation): ours uses the token, then asks for a login", async (t) => {
  const botocore = findBotocore();
  const kinds: Exclude<PeerKind, "ours">[] = "python" in botocore ? ["js-sdk", "botocore"] : ["js-sdk"];
  if ("missing" in botocore) t.diagnostic(`botocore not installed: ${botocore.missing}; the JS SDK only`);
  const world = await interopWorld({ rotation: "none", accessTokenTtlSeconds: 3600 });
  try {
    for (const kind of kinds) {
      await writeCachedToken(world.fixture.cacheDir, SESSION_NAME, world.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
      const foreign = await runPeer(kind, "credentials", { profile: SESSION_PROFILE }, world.env, "python" in botocore ? botocore.python : undefined);
      assert.equal(foreign.ok, true, `the ${kind} process refreshed: ${foreign.error?.message}`);
      const written = await readCache(world.sessionPath);
      t.diagnostic(`after the ${kind} refresh the cache has a refresh token: ${"refreshToken" in written}`);

      world.emu.resetCalls();
      const fresh = await ourCredentials(world, SESSION_PROFILE);
      assert.equal(fresh.error, undefined, "the token the foreign tool got is used while it lasts");
      assert.equal(world.emu.calls.CreateToken, 0);

      if ("refreshToken" in written) continue; // that tool kept it: nothing more to see
      await expireCache(world.sessionPath);
      world.emu.resetCalls();
      const expired = await ourCredentials(world, SESSION_PROFILE);
      assert.equal(expired.error?.name, "SsoTokenExpiredError");
      assert.match(expired.error?.message ?? "", /no refresh token .*aws sso login --sso-session my-sso/);
      assert.equal(world.emu.calls.CreateToken, 0, "no refresh is attempted without a refresh token");
    }
  } finally {
    await world.stop();
  }
});
