// A lock holder whose event loop blocks for longer than the lock's stale time (a laptop lid closed,
// a debugger, a long synchronous task): its lock is taken over meanwhile. The cache must stay whole,
// the newest refresh token must not be lost, the stalled process must notice (a warning) and not crash.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { test } from "node:test";

import { IdentityCenterEmulator, type RotationMode } from "../emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken } from "../helpers/ssoFixture.js";
import { CacheFileReader } from "./CacheFileReader.js";
import { logged, maxConcurrentHolders } from "./lockHolds.js";
import { WorkerPool, type Stall, type WorkerResult } from "../helpers/WorkerPool.js";

const START_URL = "https://emulator.awsapps.com/start";
const PROCESSES = 10;
const STALE_MS = 2_000;
const STALL_MS = 5_000;
const COMPROMISED = "was taken over by another process while held";

async function stallRound(t: { diagnostic(message: string): void }, on: Stall["on"], rotation: RotationMode): Promise<void> {
  let clockOffsetMs = 0;
  const TOKEN_TTL_SECONDS = 600;
  const emu = new IdentityCenterEmulator({ rotation, now: () => Date.now() + clockOffsetMs, accessTokenTtlSeconds: TOKEN_TTL_SECONDS });
  await emu.start();
  const fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  const pool = await WorkerPool.start(PROCESSES);
  try {
    const path = await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    const reader = await CacheFileReader.start(path);
    const init = {
      profile: "dev",
      configFilepath: fixture.configPath,
      cacheDir: fixture.cacheDir,
      clientConfig: { endpoint: emu.url },
      // A process that got invalid_grant watches the file for the stalled holder's token: longer than the stall.
      lock: { staleMs: STALE_MS, updateMs: 1_000, waitTimeoutMs: 90_000, peerRefreshWaitMs: 3 * STALL_MS },
    };
    let results;
    try {
      results = await pool.round(init, { stall: () => ({ on, ms: STALL_MS, once: join(fixture.home, "stalled") }) });
    } finally {
      const report = await reader.stop();
      t.diagnostic(`cache reader: ${report.reads} reads, ${report.missing + report.invalidJson + report.incomplete + report.otherErrors} bad`);
      assert.equal(report.missing + report.invalidJson + report.incomplete + report.otherErrors, 0, "no corrupt read");
    }

    const stalled = results.filter((result) => result.stalled === true);
    const compromised = results.filter((result) => logged(result, COMPROMISED));
    const adopted = results.filter((result) => logged(result, "another process rotated"));
    t.diagnostic(
      `stall ${on}, rotation ${rotation}: CreateToken ${emu.calls.CreateToken}, refresh tokens issued ${emu.issuedRefreshTokens.length - 1}, ` +
        `compromised-lock warnings ${compromised.length}, adopted after invalid_grant ${adopted.length}, ` +
        `most simultaneous lock holders ${maxConcurrentHolders(results)}, slowest ${Math.round(Math.max(...results.map((r) => r.ms)))} ms`,
    );
    for (const result of stalled) {
      t.diagnostic(`stalled worker ${result.worker}: ${result.lines.filter((line) => line.level !== "debug").map((line) => `${line.level}: ${line.message}`).join(" | ")}`);
    }

    assert.deepEqual(results.filter((result) => !result.ok).map((result) => result.error), [], "no process fails or crashes");
    assert.equal(stalled.length, 1, "one process stalled");
    assert.ok(logged(stalled[0] as WorkerResult, COMPROMISED), "the stalled holder noticed its lock was taken over");
    const cache = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    const issued = emu.issuedRefreshTokens;
    t.diagnostic(`the cache holds refresh token #${issued.indexOf(cache.refreshToken as string) + 1} of the ${issued.length} issued (#1 is the login's)`);
    if (rotation === "rotate") {
      // Only one refresh can succeed: its token is the only live one, and must be in the file.
      assert.equal(cache.refreshToken, emu.latestRefreshToken, "the cache holds the newest refresh token");
    } else {
      // With a reuse grace period two processes may both get a token; the file must hold one of them, never the used one.
      assert.notEqual(cache.refreshToken, issued[0], "the cache does not go back to the used refresh token");
    }
    assert.ok(emu.isAccessTokenValid(cache.accessToken as string));
    assert.deepEqual(await readdir(dirname(path)), [basename(path)], "no lock directory or temp file left behind");

    // Nothing was lost: once that token expires, the next round refreshes with the refresh token in the file.
    clockOffsetMs += (TOKEN_TTL_SECONDS + 1) * 1000;
    emu.resetCalls();
    const next = await pool.round(init, { clockOffsetMs });
    assert.deepEqual(next.filter((result) => !result.ok).map((result) => result.error), [], "the next round: every process gets credentials");
    assert.equal(emu.calls.CreateToken, 1, "the next round: one CreateToken, with the refresh token in the file");
    const after = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    assert.equal(after.refreshToken, emu.latestRefreshToken);
  } finally {
    await pool.stop();
    await emu.stop();
    await fixture.cleanup();
  }
}

const LIMIT = { timeout: 300_000 };

test("the holder stalls just before sending CreateToken (strict rotation)", LIMIT, (t) => stallRound(t, "refreshing", "rotate"));
test("the holder stalls just after CreateToken answered (strict rotation)", LIMIT, (t) => stallRound(t, "after-create-token", "rotate"));
test("the holder stalls just before sending CreateToken (rotation with a reuse grace period)", LIMIT, (t) => stallRound(t, "refreshing", "rotate-with-grace"));
test("the holder stalls just after CreateToken answered (rotation with a reuse grace period)", LIMIT, (t) => stallRound(t, "after-create-token", "rotate-with-grace"));
