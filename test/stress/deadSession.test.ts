// A dead session is found once. The lock holder is SIGKILLed after the service has processed its
// CreateToken (so the refresh token in the file is dead: rotation), with 19 processes waiting for the
// lock. The first to take the lock over sends the dead refresh token, gets invalid_grant, watches the
// file for a peer's token, finds none and records the refusal beside the cache; every other waiter
// reads that note and fails at once with the login error, without sending the dead token again.
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { IdentityCenterEmulator } from "../emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken } from "../helpers/ssoFixture.js";
import { WorkerPool } from "../helpers/WorkerPool.js";

const START_URL = "https://emulator.awsapps.com/start";
const PROCESSES = 20;
const STALE_MS = 5_000;

async function until(predicate: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

test("the holder killed after the service rotated: all 19 waiters fail with the login error, sending the dead token at most twice", { timeout: 300_000 }, async (t) => {
  const emu = new IdentityCenterEmulator({ rotation: "rotate" });
  await emu.start();
  const fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  const pool = await WorkerPool.start(PROCESSES);
  try {
    const path = await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    let holder: number | undefined;
    pool.onLog = (worker, line) => {
      if (holder === undefined && line.message.includes("refreshing the SSO token")) holder = worker;
    };
    const roundDone = pool.round(
      {
        profile: "dev",
        configFilepath: fixture.configPath,
        cacheDir: fixture.cacheDir,
        clientConfig: { endpoint: emu.url, maxAttempts: 1 },
        // A wait longer than the whole scenario: whoever fails, fails for the right reason.
        lock: { staleMs: STALE_MS, updateMs: 1_000, waitTimeoutMs: 120_000 },
      },
      // The holder freezes as soon as its CreateToken answer is parsed: the service has rotated, the file has not.
      { stall: () => ({ on: "after-create-token", ms: 600_000, once: `${path}.stalled` }), timeoutMs: 200_000 },
    );
    await until(() => holder !== undefined && emu.calls.CreateToken === 1, "the holder's CreateToken");
    const processedAt = emu.issuedRefreshTokens.length;
    await until(() => emu.issuedRefreshTokens.length === processedAt, "the service to process it");
    // Frozen after the answer: give it a moment to be parsed, then kill the holder before it writes anything.
    await sleep(200);
    const killedAt = Date.now();
    pool.kill(holder as number);
    const results = await roundDone;

    const waiters = results.filter((result) => !result.killed);
    const waiterCreateTokens = emu.calls.CreateToken - 1;
    const slowest = Math.max(...waiters.map((result) => result.finishedAt - killedAt));
    t.diagnostic(`killed the holder (worker ${holder}); waiters: ${waiters.length}; their CreateToken calls: ${waiterCreateTokens}; ` +
      `last waiter done ${slowest} ms after the kill (staleMs ${STALE_MS})`);

    assert.equal(waiters.length, PROCESSES - 1);
    assert.deepEqual(
      waiters.filter((result) => result.ok || result.error?.name !== "TokenRefreshRejectedError").map((result) => result.error ?? "credentials"),
      [],
      "every waiter fails with TokenRefreshRejectedError (log in), none with a cache or lock error",
    );
    for (const result of waiters) assert.match(result.error?.message ?? "", /aws sso login --sso-session my-sso/);
    assert.ok(waiterCreateTokens >= 1 && waiterCreateTokens <= 2, `the waiters sent the dead refresh token ${waiterCreateTokens} times`);
    assert.ok(slowest <= STALE_MS + 5_000, `all done within staleMs + 5 s of the kill (took ${slowest} ms)`);
    // Later processes learn it without a call.
    emu.resetCalls();
    const late = await pool.round({
      profile: "dev",
      configFilepath: fixture.configPath,
      cacheDir: fixture.cacheDir,
      clientConfig: { endpoint: emu.url, maxAttempts: 1 },
      lock: { staleMs: STALE_MS, updateMs: 1_000, waitTimeoutMs: 120_000 },
    });
    assert.deepEqual(late.filter((result) => result.error?.name !== "TokenRefreshRejectedError").map((result) => result.error ?? "credentials"), []);
    assert.equal(emu.calls.CreateToken, 0, "a process that comes later sends nothing");
    const entries = (await readdir(dirname(path))).filter((name) => !name.endsWith(".stalled"));
    assert.deepEqual(entries.sort(), [basename(path), `.${basename(path)}.refresh-rejected`].sort(), "no lock left; the note beside the cache");
  } finally {
    await pool.stop();
    await emu.stop();
    await fixture.cleanup();
  }
});
