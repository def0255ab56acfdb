// The device code login against the emulator, its waits driven on a TrackingClock: the poll
// interval, slow_down, the deadline at expiresIn, the typed errors for expired_token and
// access_denied, and the client registration shared with the AWS CLI's cache.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";

import { ExitCode } from "../../src/cli/ExitCode.js";
import { exitCodeForError } from "../../src/cli/exitCodeForError.js";
import { LoginDeniedError, LoginExpiredError, LoginFailedError, login, type LoginPrompt } from "../../src/index.js";
import { registrationCacheKey } from "../../src/login/registrationCacheKey.js";
import { ManualClock, type IdentityCenterEmulator } from "../emulator/index.js";
import { TrackingClock } from "./helpers/TrackingClock.js";
import { loginWorld, REQUEST_TIMEOUT_MS, START_URL } from "./helpers/loginWorld.js";

const isPollWait = (ms: number): boolean => ms !== REQUEST_TIMEOUT_MS;

function enterCode(prompts: readonly LoginPrompt[]): Extract<LoginPrompt, { type: "enter-code" }> {
  const prompt = prompts.find((candidate): candidate is Extract<LoginPrompt, { type: "enter-code" }> => candidate.type === "enter-code");
  assert.ok(prompt, "the user code was shown");
  return prompt;
}

const DEVICE_REGISTRATION = `${registrationCacheKey({ startUrl: START_URL, ssoRegion: "us-east-1", scopes: ["sso:account:access"], ssoSession: "my-sso" })}.json`;

test("polls every `interval` seconds until approved, and writes the AWS CLI's token file", async (t) => {
  const clock = new TrackingClock();
  const w = await loginWorld(t, { now: clock.now, devicePollIntervalSeconds: 2, enforceDevicePollInterval: true });
  const result = await clock.drive(login(w.options({ flow: "device", clock })), isPollWait, () => {
    if (w.emu.calls.CreateToken === 3 && w.emu.deviceAuthorizations[0]?.status === "pending") w.emu.approveDevice(enterCode(w.prompts).userCode);
  });
  assert.equal(result.outcome, "logged-in");
  assert.equal(result.flow, "device");
  assert.deepEqual(clock.sleeps.filter(isPollWait), [2000, 2000, 2000], "one immediate attempt, then every 2 s");
  assert.equal(w.emu.calls.CreateToken, 4);
  assert.equal(w.emu.calls.StartDeviceAuthorization, 1);
  const prompt = enterCode(w.prompts);
  assert.equal(prompt.verificationUri, `${w.emu.url}/device`);
  assert.equal(prompt.verificationUriComplete, `${w.emu.url}/device?user_code=${encodeURIComponent(prompt.userCode)}`);
  assert.equal(prompt.expiresAt.getTime(), clock.inner.now() - 6000 + 600_000, "the device code's expiresIn, on our clock");

  // The registration: no grant types, no redirect URI, no issuer; the session's scopes.
  assert.deepEqual(w.proxy.requestsTo("/client/register"), [{ clientName: "aws-sso-creds-client-my-sso", clientType: "public", scopes: ["sso:account:access"] }]);
  const [start] = w.proxy.requestsTo("/device_authorization");
  assert.equal(start?.startUrl, START_URL);
  const polls = w.proxy.requestsTo("/token");
  assert.ok(polls.every((poll) => poll.grantType === "urn:ietf:params:oauth:grant-type:device_code" && typeof poll.deviceCode === "string"));

  // The files, as the AWS CLI writes them.
  const registration = JSON.parse(w.proxy.exchanges.find((exchange) => exchange.path === "/client/register")?.responseBody ?? "{}") as Record<string, unknown>;
  const token = JSON.parse(w.proxy.exchanges.filter((exchange) => exchange.path === "/token").at(-1)?.responseBody ?? "{}") as Record<string, unknown>;
  const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  assert.equal(
    await readFile(w.sessionPath, "utf8"),
    `{"startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "${String(token.accessToken)}", "expiresAt": "${seconds(clock.now() + 3600_000)}", ` +
      `"clientId": "${String(registration.clientId)}", "clientSecret": "${String(registration.clientSecret)}", "registrationExpiresAt": "${seconds(Number(registration.clientSecretExpiresAt) * 1000)}", ` +
      `"refreshToken": "${String(token.refreshToken)}"}`,
  );
  assert.equal(
    await w.readCache(DEVICE_REGISTRATION),
    `{"clientId": "${String(registration.clientId)}", "clientSecret": "${String(registration.clientSecret)}", "expiresAt": "${seconds(Number(registration.clientSecretExpiresAt) * 1000)}", "scopes": ["sso:account:access"]}`,
  );
});

test("slow_down adds 5 s to the interval, for every later poll", async (t) => {
  const clock = new TrackingClock();
  const w = await loginWorld(t, { now: clock.now, devicePollIntervalSeconds: 1 });
  let slowed = false;
  await clock.drive(login(w.options({ flow: "device", clock })), isPollWait, () => {
    if (w.emu.calls.CreateToken === 2 && !slowed) {
      slowed = true;
      w.emu.failNext("CreateToken", 1, { errorType: "SlowDownException" });
    }
    if (w.emu.calls.CreateToken === 5 && w.emu.deviceAuthorizations[0]?.status === "pending") w.emu.approveDevice(enterCode(w.prompts).userCode);
  });
  assert.deepEqual(clock.sleeps.filter(isPollWait), [1000, 1000, 6000, 6000, 6000]);
  assert.equal(w.emu.calls.CreateToken, 6);
});

test("gives up at the device code's expiresIn, on its own clock, with LoginExpiredError (exit 77)", async (t) => {
  const clock = new TrackingClock();
  // The emulator's own clock does not move: the service never answers expired_token here.
  const w = await loginWorld(t, { now: new ManualClock().now, devicePollIntervalSeconds: 2, deviceCodeTtlSeconds: 7 });
  const error = await clock.drive(login(w.options({ flow: "device", clock })), isPollWait).then(
    () => assert.fail("the login succeeded"),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof LoginExpiredError, String(error));
  assert.equal(error.validForSeconds, 7);
  assert.match(error.message, /before its code expired \(it was valid for 7 s\)\. Run the login again and complete it in the browser: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
  assert.deepEqual(clock.sleeps.filter(isPollWait), [2000, 2000, 2000, 1000], "the last wait ends at the deadline");
  assert.equal(w.emu.calls.CreateToken, 4, "t = 0, 2, 4, 6; none at 7");
  assert.equal(exitCodeForError(error), ExitCode.LoginRequired);
  await assert.rejects(readFile(w.sessionPath), { code: "ENOENT" });
});

test("expired_token from the service and access_denied are typed errors that name the login command", async (t) => {
  for (const [name, answer, errorClass, code] of [
    ["expired_token", (_emu: IdentityCenterEmulator, emuClock: ManualClock) => emuClock.advanceMs(601_000), LoginExpiredError, "ExpiredTokenException"],
    ["access_denied", (emu: IdentityCenterEmulator) => emu.denyDevice(emu.deviceAuthorizations[0]?.userCode ?? ""), LoginDeniedError, "AccessDeniedException"],
  ] as const) {
    await t.test(name, async (tt) => {
      const clock = new TrackingClock();
      const emuClock = new ManualClock();
      const w = await loginWorld(tt, { now: emuClock.now, devicePollIntervalSeconds: 1 });
      let answered = false;
      const error = await clock
        .drive(login(w.options({ profile: "legacy", clock })), isPollWait, () => {
          if (w.emu.calls.CreateToken === 1 && !answered) {
            answered = true;
            answer(w.emu, emuClock);
          }
        })
        .then(
          () => assert.fail("the login succeeded"),
          (caught: unknown) => caught,
        );
      assert.ok(error instanceof errorClass, String(error));
      assert.equal((error as LoginExpiredError).serviceCode, code);
      assert.match((error as Error).message, /aws-sso-creds login --profile legacy, or with the AWS CLI v2: aws sso login --profile legacy$/);
      assert.equal(exitCodeForError(error), ExitCode.LoginRequired);
      assert.equal(w.emu.calls.CreateToken, 2);
    });
  }
});

test("a failing CreateToken is polled again at the next interval; three in a row fail with LoginFailedError (exit 69)", async (t) => {
  const clock = new TrackingClock();
  const w = await loginWorld(t, { now: clock.now, devicePollIntervalSeconds: 1 });
  let injected = false;
  const result = await clock.drive(login(w.options({ flow: "device", clock })), isPollWait, () => {
    if (w.emu.calls.CreateToken === 1 && !injected) {
      injected = true;
      w.emu.failNext("CreateToken", 2, 500);
    }
    if (w.emu.calls.CreateToken === 3 && w.emu.deviceAuthorizations[0]?.status === "pending") w.emu.approveDevice(enterCode(w.prompts).userCode);
  });
  assert.equal(result.outcome, "logged-in", "two failures in a row are waited out");
  assert.equal(w.logger.lines.filter((line) => line.level === "warn" && /CreateToken did not succeed/.test(line.message)).length, 2);

  const again = new TrackingClock();
  const w2 = await loginWorld(t, { now: again.now, devicePollIntervalSeconds: 1 });
  let failing = false;
  const error = await again
    .drive(login(w2.options({ flow: "device", clock: again })), isPollWait, () => {
      if (w2.emu.calls.CreateToken === 1 && !failing) {
        failing = true;
        w2.emu.failNext("CreateToken", 3, 500);
      }
    })
    .then(
      () => assert.fail("the login succeeded"),
      (caught: unknown) => caught,
    );
  assert.ok(error instanceof LoginFailedError, String(error));
  assert.equal(error.serviceCode, "InternalServerException");
  assert.equal(exitCodeForError(error), ExitCode.Service);
});

test("the registration is reused from the cache; an authorization-code one is not, and a refused one is registered anew", async (t) => {
  const clock = new TrackingClock();
  const w = await loginWorld(t, { now: clock.now, devicePollIntervalSeconds: 1, autoApproveDevices: true });
  await clock.drive(login(w.options({ flow: "device", clock })), isPollWait);
  await clock.drive(login(w.options({ flow: "device", clock })), isPollWait);
  assert.equal(w.emu.calls.RegisterClient, 1, "the second login used the cached registration");
  assert.equal(w.emu.calls.StartDeviceAuthorization, 2);

  // The same cache key holds a PKCE (authorization_code) registration: the device flow registers anew.
  const path = join(w.fixture.cacheDir, DEVICE_REGISTRATION);
  const cached = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  await writeFile(path, JSON.stringify({ ...cached, grantTypes: ["authorization_code", "refresh_token"] }));
  await clock.drive(login(w.options({ flow: "device", clock })), isPollWait);
  assert.equal(w.emu.calls.RegisterClient, 2);
  assert.equal((JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>).grantTypes, undefined, "the device registration replaced it");

  // A registration the service does not know (another instance's, or revoked): StartDeviceAuthorization
  // refuses it (InvalidClientException), and it is registered anew, once.
  await writeFile(path, JSON.stringify({ ...cached, clientId: "unknown-client", clientSecret: "unknown-secret" }));
  const result = await clock.drive(login(w.options({ flow: "device", clock })), isPollWait);
  assert.equal(result.outcome, "logged-in");
  assert.equal(w.emu.calls.RegisterClient, 3);
});
