// The device-code login as the AWS CLI does it, with the browser-facing GET /device page and the
// in-process controls, through the REAL SDK OIDC client.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AccessDeniedException,
  CreateTokenCommand,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
  type SSOOIDCClient,
} from "@aws-sdk/client-sso-oidc";
import { DEVICE_CODE_GRANT } from "./oidcHandlers.js";
import { expectOidcError } from "./testSupport/sdkErrorAssertions.js";
import { startEmulatorWorld } from "./testSupport/startEmulatorWorld.js";
import { visitLikeABrowser } from "./visitLikeABrowser.js";

const START_URL = "https://example.awsapps.com/start";

/** RegisterClient as the AWS CLI sends it for the device flow (no grant types, redirect URIs or issuer), then StartDeviceAuthorization. */
async function startDeviceLogin(oidc: SSOOIDCClient) {
  const reg = await oidc.send(new RegisterClientCommand({ clientName: "botocore-client-my-sso", clientType: "public", scopes: ["sso:account:access"] }));
  const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: START_URL }));
  const poll = () =>
    oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: device.deviceCode }));
  return { reg, device, poll };
}

describe("device flow: the verification page", () => {
  test("opening verificationUriComplete approves the pending request; the next poll gets tokens", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const { device, poll } = await startDeviceLogin(oidc);
    assert.equal(emu.calls.RegisterClient, 1);
    await expectOidcError(poll(), "AuthorizationPendingException", 400, "authorization_pending");
    const [info] = emu.deviceAuthorizations;
    assert.equal(info?.userCode, device.userCode);
    assert.equal(info?.status, "pending");
    assert.equal(info?.startUrl, START_URL);
    assert.equal(info?.verificationUriComplete, device.verificationUriComplete);
    assert.equal(JSON.stringify(emu.deviceAuthorizations).includes(device.deviceCode ?? "?"), false, "the device code is not exposed");

    const hops = await visitLikeABrowser(device.verificationUriComplete ?? "");
    assert.equal(hops[0]?.status, 200);
    assert.match(hops[0]?.body ?? "", /<h1>Request approved<\/h1>/);
    assert.equal(emu.calls.DeviceVerification, 1);
    assert.equal(emu.deviceAuthorizations[0]?.status, "approved");
    assert.match((await poll()).accessToken ?? "", /^emu-at-/);
    assert.equal(emu.deviceAuthorizations[0]?.status, "consumed");

    const again = await visitLikeABrowser(device.verificationUriComplete ?? "");
    assert.equal(again[0]?.status, 409, "already answered");
  });

  test("the page denies when the user refuses (authorizeOutcome deny or denyNextAuthorize)", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t, { authorizeOutcome: "deny" });
    const first = await startDeviceLogin(oidc);
    assert.match((await visitLikeABrowser(first.device.verificationUriComplete ?? ""))[0]?.body ?? "", /Request denied/);
    const denied = await expectOidcError(first.poll(), "AccessDeniedException", 400, "access_denied");
    assert.ok(denied instanceof AccessDeniedException);

    emu.configure({ authorizeOutcome: "approve" });
    emu.denyNextAuthorize(1);
    const second = await startDeviceLogin(oidc);
    // The user types the code into the form (lower case and all).
    await visitLikeABrowser(`${emu.url}/device?user_code=${encodeURIComponent((second.device.userCode ?? "").toLowerCase())}`);
    await expectOidcError(second.poll(), "AccessDeniedException", 400, "access_denied");
    const third = await startDeviceLogin(oidc);
    await visitLikeABrowser(third.device.verificationUriComplete ?? "");
    assert.ok((await third.poll()).accessToken);
  });

  test("the form, unknown and expired codes", async (t) => {
    const { emu, oidc, clock } = await startEmulatorWorld(t, { deviceCodeTtlSeconds: 60 });
    const form = await visitLikeABrowser(`${emu.url}/device`);
    assert.equal(form[0]?.status, 200);
    assert.match(form[0]?.body ?? "", /<input name="user_code"/);
    assert.equal((await visitLikeABrowser(`${emu.url}/device?user_code=ZZZZ-ZZZZ`))[0]?.status, 404);
    const { device, poll } = await startDeviceLogin(oidc);
    clock.advanceSeconds(60);
    assert.equal((await visitLikeABrowser(device.verificationUriComplete ?? ""))[0]?.status, 400);
    await expectOidcError(poll(), "ExpiredTokenException", 400, "expired_token");
    assert.equal(emu.calls.DeviceVerification, 3);
  });
});

describe("device flow: controls and poll rules", () => {
  test("approveDevice / denyDevice in-process; waitForPendingDevice finds a login started elsewhere", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const waiting = emu.waitForPendingDevice(5000);
    const a = await startDeviceLogin(oidc);
    const found = await waiting;
    assert.equal(found.userCode, a.device.userCode);
    emu.approveDevice(found.userCode);
    assert.ok((await a.poll()).accessToken);

    const b = await startDeviceLogin(oidc);
    emu.denyDevice((await emu.waitForPendingDevice()).userCode);
    await expectOidcError(b.poll(), "AccessDeniedException", 400, "access_denied");
    await expectOidcError(b.poll(), "AccessDeniedException", 400, "access_denied");
    assert.throws(() => emu.approveDevice("NOPE-NOPE"), /no device authorization/);
  });

  test("interval honoured when enforced: faster polls get SlowDownException (400); expiry gets expired_token", async (t) => {
    const { emu, oidc, clock } = await startEmulatorWorld(t, { devicePollIntervalSeconds: 5, deviceCodeTtlSeconds: 300, enforceDevicePollInterval: true });
    const { device, poll } = await startDeviceLogin(oidc);
    assert.equal(device.interval, 5);
    assert.equal(device.expiresIn, 300);
    await expectOidcError(poll(), "AuthorizationPendingException", 400, "authorization_pending");
    clock.advanceSeconds(4);
    await expectOidcError(poll(), "SlowDownException", 400, "slow_down");
    clock.advanceSeconds(5);
    await expectOidcError(poll(), "AuthorizationPendingException", 400, "authorization_pending");
    clock.advanceSeconds(5);
    await expectOidcError(poll(), "AuthorizationPendingException", 400, "authorization_pending");
    clock.advanceSeconds(300);
    await expectOidcError(poll(), "ExpiredTokenException", 400, "expired_token");
    assert.equal(emu.calls.CreateToken, 5);
  });

  test("autoApproveDevices: the first poll gets tokens", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t, { autoApproveDevices: true });
    const { poll } = await startDeviceLogin(oidc);
    assert.equal(emu.deviceAuthorizations[0]?.status, "approved");
    assert.ok((await poll()).accessToken);
  });
});
