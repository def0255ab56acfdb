// 50 processes × 10 rounds against one token cache file, with rotating refresh tokens that die on
// first use: every round needs a refresh, exactly one process may make it, nobody may fail, and a
// separate process reading the file in a tight loop must never see it missing or half written.
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { after, before, test } from "node:test";

import { IdentityCenterEmulator } from "../emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken, type SsoFixture } from "../helpers/ssoFixture.js";
import { CacheFileReader } from "./CacheFileReader.js";
import { WorkerPool } from "../helpers/WorkerPool.js";

const START_URL = "https://emulator.awsapps.com/start";
const PROCESSES = 50;
const ROUNDS = 10;
const TOKEN_TTL_SECONDS = 600;

let clockOffsetMs = 0;
let emu: IdentityCenterEmulator;
let fixture: SsoFixture;
let pool: WorkerPool;

before(async () => {
  // Both clocks move together: the emulator's and the workers' (clockOffsetMs), one token lifetime per round.
  emu = new IdentityCenterEmulator({ now: () => Date.now() + clockOffsetMs, accessTokenTtlSeconds: TOKEN_TTL_SECONDS, rotation: "rotate" });
  await emu.start();
  fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
  pool = await WorkerPool.start(PROCESSES);
});
after(async () => {
  await pool?.stop();
  await emu?.stop();
  await fixture?.cleanup();
});

test(`${PROCESSES} processes × ${ROUNDS} rounds: one CreateToken a round, no failure, no corrupt read, the newest refresh token kept`, { timeout: 600_000 }, async (t) => {
  const path = await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
  const init = {
    profile: "dev",
    configFilepath: fixture.configPath,
    cacheDir: fixture.cacheDir,
    clientConfig: { endpoint: emu.url },
    refreshWindowSeconds: 60,
    // Generous: two cores, 50 processes, and other suites running beside this one.
    lock: { staleMs: 10_000, updateMs: 2_000, waitTimeoutMs: 90_000 },
  };
  const reader = await CacheFileReader.start(path);
  const perRound: string[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      emu.resetCalls();
      const issuedBefore = emu.issuedRefreshTokens.length;
      const results = await pool.round(init, { clockOffsetMs });
      const failed = results.filter((result) => !result.ok);
      const refreshedBy = results.filter((result) => result.lines.some((line) => line.message.includes("refreshing the SSO token")));
      const adopted = results.filter((result) => result.lines.some((line) => line.message.includes("another process rotated")));
      const warnings = results.flatMap((result) => result.lines.filter((line) => line.level === "warn"));
      const slowest = Math.max(...results.map((result) => result.ms));
      perRound.push(
        `round ${round}: CreateToken ${emu.calls.CreateToken}, failures ${failed.length}, refreshers ${refreshedBy.length}, ` +
          `adopted after invalid_grant ${adopted.length}, warnings ${warnings.length}, slowest process ${Math.round(slowest)} ms`,
      );
      t.diagnostic(perRound.at(-1) ?? "");

      assert.deepEqual(failed.map((result) => result.error), [], `round ${round}: every process gets credentials`);
      assert.equal(emu.calls.CreateToken, 1, `round ${round}: exactly one CreateToken`);
      assert.equal(emu.issuedRefreshTokens.length, issuedBefore + 1, `round ${round}: one refresh token issued`);
      assert.equal(emu.calls.GetRoleCredentials, PROCESSES);
      const cache = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
      assert.equal(cache.refreshToken, emu.latestRefreshToken, `round ${round}: the cache holds the newest refresh token`);
      assert.ok(emu.isAccessTokenValid(cache.accessToken as string), `round ${round}: the cached access token works`);
      // No lock and no temp file left behind.
      assert.deepEqual(await readdir(dirname(path)), [basename(path)], `round ${round}: only the cache file is left`);
      // The next round starts after this token has expired, on both clocks.
      clockOffsetMs += (TOKEN_TTL_SECONDS + 1) * 1000;
    }
  } finally {
    const report = await reader.stop();
    t.diagnostic(
      `cache reader: ${report.reads} reads, ${report.missing} missing, ${report.invalidJson} invalid JSON, ` +
        `${report.incomplete} incomplete, ${report.otherErrors} other errors ${report.examples.join("; ")}`,
    );
    assert.ok(report.reads > 0, "the reader read the file");
    assert.equal(report.missing + report.invalidJson + report.incomplete + report.otherErrors, 0, "no corrupt read");
  }
});

// The role credential cache (~/.aws/cli/cache) under the same crowd: with a valid token and an empty,
// then expired, role cache entry, all 50 processes of a round get the same credentials from exactly
// one GetRoleCredentials; no process fails, and nothing but the entry is left in the directory.
const ROLE_ROUNDS = 5;

test(`${PROCESSES} processes × ${ROLE_ROUNDS} rounds on the role cache: one GetRoleCredentials a round, the same credentials for all`, { timeout: 600_000 }, async (t) => {
  const roleCacheDir = join(fixture.home, ".aws", "cli", "cache");
  const init = {
    profile: "dev",
    configFilepath: fixture.configPath,
    cacheDir: fixture.cacheDir,
    clientConfig: { endpoint: emu.url },
    roleCredentialCache: roleCacheDir,
    lock: { staleMs: 10_000, updateMs: 2_000, waitTimeoutMs: 90_000 },
  };
  for (let round = 1; round <= ROLE_ROUNDS; round++) {
    // A valid token each round (this part is about role credentials), and the entry from the last round expired.
    await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL }));
    for (const name of await readdir(roleCacheDir).catch(() => [] as string[])) {
      const path = join(roleCacheDir, name);
      await writeFile(path, (await readFile(path, "utf8")).replace(/"Expiration": "[^"]+"/, '"Expiration": "2020-01-01T00:00:00Z"'));
    }
    emu.resetCalls();
    const results = await pool.round(init, { clockOffsetMs });
    const failed = results.filter((result) => !result.ok);
    const keys = new Set(results.map((result) => result.accessKeyId));
    const adopted = results.filter((result) => result.lines.some((line) => line.message.includes("fetched meanwhile by another process"))).length;
    const warnings = results.flatMap((result) => result.lines.filter((line) => line.level === "warn"));
    t.diagnostic(
      `role round ${round}: GetRoleCredentials ${emu.calls.GetRoleCredentials}, CreateToken ${emu.calls.CreateToken}, failures ${failed.length}, ` +
        `took the entry while waiting ${adopted}, warnings ${warnings.length}, slowest ${Math.round(Math.max(...results.map((result) => result.ms)))} ms`,
    );
    assert.deepEqual(failed.map((result) => result.error), [], `role round ${round}: every process gets credentials`);
    assert.equal(emu.calls.GetRoleCredentials, 1, `role round ${round}: exactly one GetRoleCredentials`);
    assert.equal(emu.calls.CreateToken, 0);
    assert.equal(keys.size, 1, `role round ${round}: the same credentials for every process`);
    assert.deepEqual(warnings, []);
    const entries = await readdir(roleCacheDir);
    assert.equal(entries.length, 1, `role round ${round}: only the entry is left (no lock, no temp file): ${entries.join(", ")}`);
    assert.match(await readFile(join(roleCacheDir, entries[0] as string), "utf8"), new RegExp(`"AccessKeyId": "${[...keys][0]}"`));
  }
});
