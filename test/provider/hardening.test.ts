// The provider's promises from the hardening issue, each driven through the real SDK clients against
// the emulator: options checked at once; a valid token never held hostage by a slow refresh; the wait
// after a failed refresh on monotonic time; GetRoleCredentials failures recovered where they can be;
// a refused refresh recorded once, and a new login clearing it; an unsafe cache directory named.
import assert from "node:assert/strict";
import { chmod, mkdir, readFile, rm } from "node:fs/promises";
import { test } from "node:test";

import { fromSSO, InvalidOptionError, SsoTokenCacheLockTimeoutError, TokenRefreshRejectedError } from "../../src/index.js";
import type { CachedSsoToken } from "../../src/token/CachedSsoToken.js";
import { readTokenFile } from "../../src/token/readTokenFile.js";
import { RejectedRefreshRecord } from "../../src/token/RejectedRefreshRecord.js";
import { START_URL, providerWorld, type ProviderWorld } from "../helpers/providerWorld.js";
import { writeCachedToken } from "../helpers/ssoFixture.js";
import { TestClock } from "../helpers/TestClock.js";

async function withWorld(options: Parameters<typeof providerWorld>[0], body: (w: ProviderWorld) => Promise<void>): Promise<void> {
  const w = await providerWorld(options);
  try {
    await body(w);
  } finally {
    await w.close();
  }
}

test("every numeric option is checked when fromSSO() is called: a typed error names the option, the value and the range", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ requestTimeoutMs: Infinity }, "requestTimeoutMs"],
    [{ requestTimeoutMs: Number.NaN }, "requestTimeoutMs"],
    [{ requestTimeoutMs: -1 }, "requestTimeoutMs"],
    [{ requestTimeoutMs: 1e10 }, "requestTimeoutMs"],
    [{ requestTimeoutMs: "5000" }, "requestTimeoutMs"],
    [{ refreshWindowSeconds: Number(process.env.SURELY_UNSET_VARIABLE) }, "refreshWindowSeconds"],
    [{ refreshWindowSeconds: -1 }, "refreshWindowSeconds"],
    [{ refreshWindowSeconds: 1e6 }, "refreshWindowSeconds"],
    [{ lock: { staleMs: 1000 } }, "lock.staleMs"],
    [{ lock: { staleMs: 10_000, updateMs: 6_000 } }, "lock.updateMs"],
    [{ lock: { waitTimeoutMs: -5 } }, "lock.waitTimeoutMs"],
    [{ lock: { peerRefreshWaitMs: Infinity } }, "lock.peerRefreshWaitMs"],
    [{ profile: 42 }, "profile"],
  ];
  for (const [init, option] of cases) {
    assert.throws(
      () => fromSSO(init as never),
      (error: unknown) => {
        assert.ok(error instanceof InvalidOptionError, `${option}: ${String(error)}`);
        assert.equal(error.option, option);
        assert.ok(error.message.includes(`\`${option}\``), error.message);
        assert.match(error.message, /must be/);
        assert.ok(!(error instanceof RangeError));
        return true;
      },
      JSON.stringify(init),
    );
  }
  assert.match(
    (() => {
      try {
        fromSSO({ requestTimeoutMs: Number.NaN });
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })(),
    /^The `requestTimeoutMs` option is NaN; it must be a number of milliseconds from 100 to 600000\. .*default \(15000\)/,
  );
  // The documented bounds themselves are fine.
  fromSSO({ requestTimeoutMs: 100, refreshWindowSeconds: 0, lock: { staleMs: 2000, updateMs: 1000, waitTimeoutMs: 0, peerRefreshWaitMs: 0 } });
  fromSSO({ requestTimeoutMs: 600_000, refreshWindowSeconds: 3600 });
});

test("a valid token is never held hostage: a hung refresh delays credentials by validTokenWaitMs (2 s) only, then goes on behind", async () => {
  await withWorld({ session: { accessTokenTtlSeconds: 240 } }, async (w) => {
    const clock = new TestClock(Date.now());
    w.emu.malformNext("CreateToken", 1, "hang");
    const before = await w.cacheText();
    const provider = w.provider({ clock, refreshWindowSeconds: 300, requestTimeoutMs: 15_000 });
    const pending = provider();
    // Two sleeps: the CreateToken deadline (15 s) and the 2 s the caller waits for it.
    await clock.untilSleeping(2);
    await w.emu.waitUntil(() => w.emu.calls.CreateToken === 1);
    await clock.advance(2_000);
    const credentials = await pending;
    assert.ok(credentials.accessKeyId, "credentials with the still-valid token, 2 s (of the injected clock) after the call");
    assert.equal(w.emu.calls.GetRoleCredentials, 1);
    assert.equal(w.emu.aborted.CreateToken, 0, "the refresh is still under way");
    assert.ok(w.logger.lines.some((line) => line.level === "info" && /taking long; using the cached token/.test(line.message)));
    // The refresh gives up at its own deadline, in the background: a warning, the file as it was.
    await clock.advance(15_000);
    for (let i = 0; i < 500 && !w.logger.lines.some((line) => line.level === "warn"); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.match(w.logger.lines.find((line) => line.level === "warn")?.message ?? "", /could not refresh the SSO token.*TimeoutError/);
    assert.equal(await w.cacheText(), before);
  });
});

test("the wait after a failed refresh is monotonic time: a wall clock set back 10 minutes does not stretch it", async () => {
  await withWorld({ session: { accessTokenTtlSeconds: 120 } }, async (w) => {
    const clock = new TestClock(Date.now());
    w.emu.failNext("CreateToken", 3, 500);
    // A window wider than the token's life: the token is due for a refresh whatever the wall clock says.
    const provider = w.provider({ clock, refreshWindowSeconds: 3600 });
    await provider();
    assert.equal(w.emu.calls.CreateToken, 3, "one failed refresh (the SDK retried the 500s)");
    clock.stepWall(-10 * 60_000);
    await clock.advance(31_000);
    await provider({ forceRefresh: true });
    assert.equal(w.emu.calls.CreateToken, 4, "tried again 31 s (monotonic) later, whatever the wall clock did");
  });
});

test("GetRoleCredentials failing (5xx) while the memoized credentials still work: those, with one warning per outage and no call for 30 s", async () => {
  await withWorld({}, async (w) => {
    const clock = new TestClock(Date.now());
    const provider = w.provider({ clock, refreshWindowSeconds: 300 });
    const first = await provider();
    // Inside the refresh window, not yet expired.
    await clock.advance(first.expiration.getTime() - clock.now() - 150_000);
    w.emu.failNext("GetRoleCredentials", 3, 500);
    const second = await provider();
    assert.equal(second.accessKeyId, first.accessKeyId);
    assert.equal(w.emu.calls.GetRoleCredentials, 4);
    const warnings = () => w.logger.lines.filter((line) => line.level === "warn");
    assert.match(warnings()[0]?.message ?? "", /could not get new role credentials for profile "dev"; using the current ones/);
    assert.match(warnings()[0]?.message ?? "", /InternalServerException/);
    // The SDK asks before every request during the outage: no call, no new warning, for 30 s.
    for (let i = 0; i < 5; i++) assert.equal((await provider()).accessKeyId, first.accessKeyId);
    assert.equal(w.emu.calls.GetRoleCredentials, 4);
    await clock.advance(31_000);
    w.emu.failNext("GetRoleCredentials", 3, 500);
    assert.equal((await provider()).accessKeyId, first.accessKeyId);
    assert.equal(w.emu.calls.GetRoleCredentials, 7, "asked again after 30 s");
    assert.equal(warnings().length, 1, "one warning for the outage");
    // Once the service answers, new credentials.
    await clock.advance(31_000);
    assert.notEqual((await provider()).accessKeyId, first.accessKeyId);
    // Once the old ones have expired, a failure is the error.
    await clock.advance(3600_000);
    w.emu.failNext("GetRoleCredentials", 6, 500);
    await assert.rejects(w.provider({ clock })(), /InternalServerException/);
  });
});

test("a token file removed while its refresh runs (a logout) is not written back", async () => {
  await withWorld({ session: { accessTokenExpired: true } }, async (w) => {
    w.emu.configure({ latencyMs: { CreateToken: 500 } });
    const pending = w.provider()();
    await w.emu.waitUntil(() => w.emu.calls.CreateToken === 1);
    await rm(w.path);
    assert.ok((await pending).accessKeyId, "this call still gets its credentials");
    assert.deepEqual(await w.cacheDirEntries(), [], "the file stays removed");
    assert.ok(w.logger.lines.some((line) => /was removed while its token was refreshed/.test(line.message)));
  });
});

test("during one slow refresh the 2 s are paid once: a caller that comes later gets the valid token at once", async () => {
  await withWorld({ session: { accessTokenTtlSeconds: 240 } }, async (w) => {
    const clock = new TestClock(Date.now());
    w.emu.malformNext("CreateToken", 1, "hang");
    const provider = w.provider({ clock, refreshWindowSeconds: 300, requestTimeoutMs: 15_000 });
    const first = provider();
    await clock.untilSleeping(2);
    await clock.advance(2_000);
    assert.ok((await first).accessKeyId);
    await clock.advance(1_000);
    // New role credentials wanted while the refresh still hangs: no new 2 s wait, the clock does not move.
    const later = await provider({ forceRefresh: true });
    assert.ok(later.accessKeyId);
    assert.equal(w.emu.calls.CreateToken, 1);
    assert.equal(w.emu.calls.GetRoleCredentials, 2);
    await clock.advance(15_000);
  });
});

test("a short-lived process that stops waiting for another's lock says nothing alarming", async () => {
  await withWorld({ session: { accessTokenTtlSeconds: 240 } }, async (w) => {
    await mkdir(`${w.path}.lock`);
    try {
      const { CredentialResolver } = await import("../../src/provider/CredentialResolver.js");
      const { resolveProviderSettings } = await import("../../src/provider/resolveProviderSettings.js");
      const resolver = new CredentialResolver(
        resolveProviderSettings({ profile: "dev", configFilepath: w.fixture.configPath, cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url }, logger: w.logger, refreshWindowSeconds: 300 }),
      );
      assert.ok((await resolver.resolve("dev")).credentials.accessKeyId, "the valid token, after 2 s");
      await resolver.close();
      assert.deepEqual(w.logger.lines.filter((line) => line.level === "warn"), [], "no warning: another process is refreshing, nothing failed");
    } finally {
      await rm(`${w.path}.lock`, { recursive: true, force: true });
    }
  });
});

test("a refused refresh is recorded once: later callers fail at once without a call; a new login clears it", async () => {
  await withWorld({ session: { accessTokenExpired: true } }, async (w) => {
    w.emu.failNext("CreateToken", 1, { status: 400, errorType: "InvalidGrantException" });
    await assert.rejects(w.provider({ lock: { peerRefreshWaitMs: 0 } })(), TokenRefreshRejectedError);
    assert.equal(w.emu.calls.CreateToken, 1);
    const record = await RejectedRefreshRecord.read(w.path);
    assert.equal(record?.serviceCode, "InvalidGrantException");
    const noteText = await readFile(RejectedRefreshRecord.pathFor(w.path), "utf8");
    const cached = JSON.parse(await w.cacheText()) as Record<string, string>;
    for (const secret of [cached.accessToken, cached.refreshToken, cached.clientSecret]) assert.ok(!noteText.includes(secret as string), "the note holds no secret");

    // Another process (a fresh provider) that comes later: the login error, no call.
    await assert.rejects(w.provider()(), (error: unknown) => error instanceof TokenRefreshRejectedError && /aws sso login --sso-session my-sso/.test(error.message));
    assert.equal(w.emu.calls.CreateToken, 1, "the dead refresh token was not sent again");

    // A new login writes a new token: the note no longer applies.
    await writeCachedToken(w.fixture.cacheDir, "my-sso", w.emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
    const credentials = await w.provider()();
    assert.ok(credentials.accessKeyId);
    assert.equal(w.emu.calls.CreateToken, 2);
  });
});

test("a process waiting for the lock learns that the session ended from the note, at once, and fails with the login error", async () => {
  await withWorld({ session: { accessTokenExpired: true } }, async (w) => {
    // Another process holds the lock (its refresh is about to be refused).
    await mkdir(`${w.path}.lock`);
    try {
      const waiting = w.provider({ lock: { waitTimeoutMs: 120_000 } })();
      for (let i = 0; i < 500 && w.logger.lines.every((line) => !/is held by another process/.test(line.message)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // It records the refusal.
      const token = await readTokenFile(w.path, { ssoSession: "my-sso" });
      await RejectedRefreshRecord.write(w.path, token as CachedSsoToken, { serviceCode: "InvalidGrantException", nowMs: Date.now() });
      await assert.rejects(waiting, (error: unknown) => {
        assert.ok(!(error instanceof SsoTokenCacheLockTimeoutError), String(error));
        assert.ok(error instanceof TokenRefreshRejectedError, String(error));
        assert.equal(error.serviceCode, "InvalidGrantException");
        return true;
      });
      assert.equal(w.emu.calls.CreateToken, 0, "the waiter sent nothing");
    } finally {
      await rm(`${w.path}.lock`, { recursive: true, force: true });
    }
  });
});

test("a cache directory others may write is named once, with the chmod that fixes it", async () => {
  await withWorld({}, async (w) => {
    await chmod(w.fixture.cacheDir, 0o777);
    const provider = w.provider();
    await provider();
    await provider({ forceRefresh: true });
    const warnings = w.logger.lines.filter((line) => line.level === "warn");
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.message ?? "", new RegExp(`${w.fixture.cacheDir} is writable by group and others \\(mode 0777\\)\\. Make it private: chmod 700 ${w.fixture.cacheDir}`));
  });
});
