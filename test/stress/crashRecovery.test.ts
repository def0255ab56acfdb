// A lock holder killed mid-refresh, and a lock left stale by a process that died before any of
// these started: the lock is taken over once stale, everybody gets credentials, the refresh token
// chain survives, and no lock directory is left behind.
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, rm, utimes } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { IdentityCenterEmulator } from "../emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken } from "../helpers/ssoFixture.js";
import { logged, maxConcurrentHolders } from "./lockHolds.js";
import { WorkerPool } from "../helpers/WorkerPool.js";

const START_URL = "https://emulator.awsapps.com/start";

async function until(predicate: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
  return `min ${at(0)} ms, median ${at(0.5)} ms, max ${at(1)} ms`;
}

test("the lock holder SIGKILLed while its CreateToken is in flight: the others take the stale lock over and all get credentials", { timeout: 600_000 }, async (t) => {
  const PROCESSES = 20;
  const STALE_MS = 3_000;
  const emu = new IdentityCenterEmulator({ rotation: "rotate" });
  await emu.start();
  const fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  const pool = await WorkerPool.start(PROCESSES);
  try {
    const path = await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    const issuedBefore = emu.issuedRefreshTokens.length;
    // The holder's CreateToken waits here until the holder dies; the emulator then drops it unanswered.
    emu.configure({ latencyMs: { CreateToken: 120_000 } });
    let holder: number | undefined;
    pool.onLog = (worker, line) => {
      if (holder === undefined && line.message.includes("refreshing the SSO token")) holder = worker;
    };
    const roundDone = pool.round(
      {
        profile: "dev",
        configFilepath: fixture.configPath,
        cacheDir: fixture.cacheDir,
        clientConfig: { endpoint: emu.url },
        lock: { staleMs: STALE_MS, updateMs: 1_000, waitTimeoutMs: 90_000 },
      },
      { timeoutMs: 150_000 },
    );
    await until(() => holder !== undefined && emu.calls.CreateToken === 1, "the first CreateToken");
    const killedAt = Date.now();
    pool.kill(holder as number);
    await emu.waitUntil(() => emu.aborted.CreateToken === 1, 30_000);
    emu.configure({ latencyMs: 0 });
    const results = await roundDone;

    const survivors = results.filter((result) => !result.killed);
    const adopted = survivors.filter((result) => logged(result, "another process rotated"));
    const recovery = survivors.map((result) => result.finishedAt - killedAt);
    t.diagnostic(`killed worker ${holder} (pid ${pool.pid(holder as number)}) with its CreateToken in flight; lock staleMs ${STALE_MS}`);
    t.diagnostic(`survivors' time from the kill to credentials: ${summary(recovery)}`);
    t.diagnostic(
      `CreateToken calls: ${emu.calls.CreateToken} (1 dropped with the killed process, ${adopted.length} answered invalid_grant then adopted); ` +
        `most simultaneous lock holders after the takeover: ${maxConcurrentHolders(survivors)}`,
    );

    assert.equal(results.filter((result) => result.killed).length, 1);
    assert.deepEqual(survivors.filter((result) => !result.ok).map((result) => result.error), [], "every other process gets credentials");
    assert.equal(survivors.length, PROCESSES - 1);
    assert.equal(emu.aborted.CreateToken, 1, "the killed process's CreateToken was dropped: nothing rotated");
    assert.equal(emu.calls.CreateToken, 2 + adopted.length, "one refresh after the takeover (plus one per takeover-race loser)");
    assert.equal(emu.issuedRefreshTokens.length, issuedBefore + 1, "exactly one refresh token issued");
    const cache = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    assert.equal(cache.refreshToken, emu.latestRefreshToken);
    assert.ok(emu.isAccessTokenValid(cache.accessToken as string));
    assert.deepEqual(await readdir(dirname(path)), [basename(path)], "no lock directory or temp file left behind");
  } finally {
    await pool.stop();
    await emu.stop();
    await fixture.cleanup();
  }
});

test("50 processes start together against a lock that is already stale: none fails, the newest refresh token is kept (20 trials)", { timeout: 600_000 }, async (t) => {
  const PROCESSES = 50;
  const TRIALS = 20;
  const TOKEN_TTL_SECONDS = 600;
  let clockOffsetMs = 0;
  const emu = new IdentityCenterEmulator({ now: () => Date.now() + clockOffsetMs, rotation: "rotate", accessTokenTtlSeconds: TOKEN_TTL_SECONDS });
  await emu.start();
  const fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  const pool = await WorkerPool.start(PROCESSES);
  const init = {
    profile: "dev",
    configFilepath: fixture.configPath,
    cacheDir: fixture.cacheDir,
    clientConfig: { endpoint: emu.url },
    // proper-lockfile's floor; a lock older than this is a dead process's.
    lock: { staleMs: 2_000, updateMs: 1_000, waitTimeoutMs: 90_000 },
  };
  const raced: number[] = [];
  try {
    for (let trial = 1; trial <= TRIALS; trial++) {
      // A new login each trial, its token already expired; a lock left by a process that died a minute ago.
      const path = await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
      const lockPath = `${path}.lock`;
      await rm(lockPath, { recursive: true, force: true });
      await mkdir(lockPath);
      const old = new Date(Date.now() - 60_000);
      await utimes(lockPath, old, old);
      emu.resetCalls();
      const issuedBefore = emu.issuedRefreshTokens.length;

      const results = await pool.round(init, { clockOffsetMs });
      const failed = results.filter((result) => !result.ok);
      const adopted = results.filter((result) => logged(result, "another process rotated"));
      const compromised = results.filter((result) => logged(result, "was taken over by another process while held"));
      const holders = maxConcurrentHolders(results);
      if (emu.calls.CreateToken > 1) raced.push(trial);
      t.diagnostic(
        `trial ${trial}: CreateToken ${emu.calls.CreateToken}, most simultaneous lock holders ${holders}, ` +
          `adopted a peer's token after invalid_grant ${adopted.length}, compromised-lock warnings ${compromised.length}, failures ${failed.length}`,
      );

      assert.deepEqual(failed.map((result) => result.error), [], `trial ${trial}: every process gets credentials`);
      assert.equal(emu.issuedRefreshTokens.length, issuedBefore + 1, `trial ${trial}: exactly one refresh token issued`);
      assert.equal(emu.calls.CreateToken, 1 + adopted.length, `trial ${trial}: every extra CreateToken was a takeover-race loser that adopted the winner's token`);
      const cache = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
      assert.equal(cache.refreshToken, emu.latestRefreshToken, `trial ${trial}: the cache holds the newest refresh token`);
      assert.ok(emu.isAccessTokenValid(cache.accessToken as string));
      assert.deepEqual(await readdir(dirname(path)), [basename(path)], `trial ${trial}: no lock directory or temp file left behind`);
      clockOffsetMs += (TOKEN_TTL_SECONDS + 1) * 1000;
    }
    t.diagnostic(`the stale-takeover race let 2+ processes refresh in ${raced.length} of ${TRIALS} trials (${raced.join(", ") || "none"})`);
  } finally {
    await pool.stop();
    await emu.stop();
    await fixture.cleanup();
  }
});
