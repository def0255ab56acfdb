import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";

import { IdentityCenterEmulator } from "./emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken, type SsoFixture } from "./helpers/ssoFixture.js";
import { WorkerPool } from "./helpers/WorkerPool.js";

const START_URL = "https://emulator.awsapps.com/start";
const PROCESSES = 16;
const TOKEN_TTL_SECONDS = 600;

let clockOffsetMs = 0;
let emu: IdentityCenterEmulator;
let fixture: SsoFixture;
let pool: WorkerPool;

before(async () => {
  emu = new IdentityCenterEmulator({ now: () => Date.now() + clockOffsetMs, accessTokenTtlSeconds: TOKEN_TTL_SECONDS });
  await emu.start();
  fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  pool = await WorkerPool.start(PROCESSES);
});
after(async () => {
  await pool?.stop();
  await emu?.stop();
  await fixture?.cleanup();
});

test(`${PROCESSES} processes with an expired token make exactly 1 CreateToken, round after round`, async () => {
  const path = await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
  const init = {
    profile: "dev",
    configFilepath: fixture.configPath,
    cacheDir: fixture.cacheDir,
    clientConfig: { endpoint: emu.url },
    refreshWindowSeconds: 60,
    lock: { staleMs: 10_000, updateMs: 2_000, waitTimeoutMs: 30_000 },
  };

  for (const round of [1, 2]) {
    emu.resetCalls();
    const results = await pool.round(init, { clockOffsetMs });
    const failed = results.filter((result) => !result.ok);
    assert.deepEqual(failed, [], `round ${round}: every process gets credentials`);
    assert.equal(emu.calls.CreateToken, 1, `round ${round}: exactly one CreateToken`);
    assert.equal(emu.calls.GetRoleCredentials, PROCESSES);
    const cache = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    assert.equal(cache.refreshToken, emu.latestRefreshToken, `round ${round}: the cache holds the newest refresh token`);
    assert.ok(emu.isAccessTokenValid(cache.accessToken as string));
    // The next round starts after this token has expired, on both clocks.
    clockOffsetMs += (TOKEN_TTL_SECONDS + 1) * 1000;
  }
});
