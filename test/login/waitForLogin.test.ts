// fromSSO({ onLoginRequired: "wait" }): a long-running program that meets a login error logs the
// login command once and waits for a new token (ours, or one the AWS CLI writes), then goes on.
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { test } from "node:test";

import { InvalidOptionError, LoginWaitTimeoutError, RoleCredentialsFailedError, SsoTokenNotFoundError, login } from "../../src/index.js";
import { providerWorld } from "../helpers/providerWorld.js";
import { writeCachedToken } from "../helpers/ssoFixture.js";
import { TestClock } from "../helpers/TestClock.js";

test("no token: the login command is logged once, the provider waits, and goes on after our login", async (t) => {
  const w = await providerWorld({ emulator: { autoApproveDevices: true } });
  t.after(() => w.close());
  await rm(w.path);
  const clock = new TestClock(Date.now());
  const provider = w.provider({ onLoginRequired: "wait", clock });
  const credentials = provider();
  await clock.untilSleeping(1);
  const warnings = w.logger.lines.filter((line) => line.level === "warn");
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? "", /No cached SSO token at .* Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso \(waiting up to 600 s for that login: a new token in /);

  // Another caller meanwhile shares the wait: no second line.
  const second = provider({ forceRefresh: true });
  await clock.advance(1000);
  await clock.advance(1000);
  assert.equal(w.logger.lines.filter((line) => line.level === "warn").length, 1);

  const result = await login({
    profile: "dev",
    configFilepath: w.fixture.configPath,
    cacheDir: w.fixture.cacheDir,
    homeDir: w.fixture.home,
    flow: "device",
    clientConfig: { endpoint: w.emu.url },
    onPrompt: () => undefined,
    browser: async () => ({ opened: true }),
  });
  assert.equal(result.outcome, "logged-in");
  await clock.advance(1000);
  const [first, other] = await Promise.all([credentials, second]);
  assert.equal(first.accountId, "111122223333");
  assert.equal(other.accountId, "111122223333");
  assert.equal(w.emu.calls.GetRoleCredentials, 1, "the waiters shared one fetch");
  assert.equal(w.logger.lines.filter((line) => line.level === "warn").length, 1, "logged once");
});

test("a session that ended: waits for the token the AWS CLI writes (not our login), then goes on", async (t) => {
  const w = await providerWorld({ session: { accessTokenExpired: true } });
  t.after(() => w.close());
  for (const token of w.emu.issuedRefreshTokens) w.emu.revokeRefreshToken(token);
  const clock = new TestClock(Date.now());
  const credentials = w.provider({ onLoginRequired: "wait", clock, lock: { peerRefreshWaitMs: 0 } })();
  await until(() => w.logger.lines.some((line) => line.level === "warn"));
  await clock.untilSleeping(1);
  assert.match(w.logger.lines.find((line) => line.level === "warn")?.message ?? "", /InvalidGrantException.*aws-sso-creds login --sso-session my-sso/);
  // `aws sso login` writes its file in place (not atomically): an in-place write is what the provider sees.
  await writeCachedToken(w.fixture.cacheDir, "my-sso", w.emu.issueSession({ startUrl: "https://emulator.awsapps.com/start" }));
  await clock.advance(1000);
  assert.equal((await credentials).accountId, "111122223333");
});

test("waits no longer than loginWaitTimeoutMs: LoginWaitTimeoutError, its cause the login error; the default still throws at once", async (t) => {
  const w = await providerWorld();
  t.after(() => w.close());
  await rm(w.path);
  const clock = new TestClock(Date.now());
  const provider = w.provider({ onLoginRequired: "wait", loginWaitTimeoutMs: 5000, clock });
  const waiting = provider();
  waiting.catch(() => undefined);
  for (let i = 0; i < 5; i++) {
    await clock.untilSleeping(1);
    await clock.advance(1000);
  }
  await assert.rejects(waiting, (error: unknown) => {
    assert.ok(error instanceof LoginWaitTimeoutError, String(error));
    assert.ok(error.cause instanceof SsoTokenNotFoundError);
    assert.match(error.message, /^Waited 5 s for a login to sso-session "my-sso" \(a new token in .*\), and none came\. Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
    return true;
  });
  // A second wait for the same missing token does not repeat the warning.
  const again = provider();
  again.catch(() => undefined);
  await clock.untilSleeping(1);
  assert.equal(w.logger.lines.filter((line) => line.level === "warn").length, 1);
  for (let i = 0; i < 5; i++) {
    await clock.untilSleeping(1);
    await clock.advance(1000);
  }
  await assert.rejects(again, LoginWaitTimeoutError);

  await assert.rejects(w.provider()(), SsoTokenNotFoundError);
  assert.throws(() => w.provider({ onLoginRequired: "prompt" as never }), InvalidOptionError);
  assert.throws(() => w.provider({ onLoginRequired: "wait", loginWaitTimeoutMs: -1 }), InvalidOptionError);
});

test("an error a login does not fix is thrown at once, even with onLoginRequired: wait", async (t) => {
  const w = await providerWorld();
  t.after(() => w.close());
  w.emu.failNext("GetRoleCredentials", 3, 500);
  await assert.rejects(w.provider({ onLoginRequired: "wait", clientConfig: { endpoint: w.emu.url, maxAttempts: 1 } })(), RoleCredentialsFailedError);
  assert.equal(w.logger.lines.filter((line) => line.level === "warn").length, 0);
});

async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 5000) throw new Error("waited too long");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
