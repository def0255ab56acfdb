// A valid token is never held hostage by a hung refresh, across processes: the token has 4 minutes
// left (inside the 5-minute refresh window), CreateToken hangs, and 6 processes ask at once. One holds
// the lock and waits for CreateToken; the others wait for the lock. Each gives up waiting after
// validTokenWaitMs and uses the valid token: all 6 get credentials while the CreateToken is still
// unanswered.
import assert from "node:assert/strict";
import { test } from "node:test";

import { IdentityCenterEmulator } from "../emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken } from "../helpers/ssoFixture.js";
import { WorkerPool } from "../helpers/WorkerPool.js";

const START_URL = "https://emulator.awsapps.com/start";
const PROCESSES = 6;

test(`${PROCESSES} processes with a still-valid token and a hung CreateToken all get credentials before it is answered`, { timeout: 120_000 }, async (t) => {
  const emu = new IdentityCenterEmulator({ rotation: "rotate" });
  await emu.start();
  const fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  const pool = await WorkerPool.start(PROCESSES);
  try {
    await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenTtlSeconds: 240 }));
    emu.configure({ latencyMs: { CreateToken: 60_000 } });
    const started = Date.now();
    const results = await pool.round({
      profile: "dev",
      configFilepath: fixture.configPath,
      cacheDir: fixture.cacheDir,
      clientConfig: { endpoint: emu.url, maxAttempts: 1 },
      refreshWindowSeconds: 300,
      requestTimeoutMs: 30_000,
    });
    t.diagnostic(`all ${results.length} answered within ${Math.max(...results.map((r) => r.finishedAt)) - started} ms; CreateToken sent ${emu.calls.CreateToken}`);
    assert.deepEqual(results.filter((result) => !result.ok).map((result) => result.error), [], "every process gets credentials");
    assert.equal(emu.calls.CreateToken, 1, "one refresh, under the lock");
    assert.equal(emu.aborted.CreateToken, 0);
    assert.ok(
      results.every((result) => !result.lines.some((line) => /refreshed the SSO token in|refreshed meanwhile/.test(line.message))),
      "none waited for the refresh to finish (it is still hanging: 60 s)",
    );
    assert.equal(emu.calls.GetRoleCredentials, PROCESSES, "each used the valid token");
  } finally {
    emu.configure({ latencyMs: 0 });
    await pool.stop();
    await emu.stop();
    await fixture.cleanup();
  }
});
