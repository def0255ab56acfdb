// The standalone emulator (a child process) driven only through its flags and EmulatorControl, as
// tests that run the CLI in a child process will drive it: device and browser logins approved or
// denied from outside, STS settings, and the call counts of AssumeRole and /authorize.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from "@aws-sdk/client-sso-oidc";
import { GetRoleCredentialsCommand, SSOClient } from "@aws-sdk/client-sso";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { DEVICE_CODE_GRANT } from "./oidcHandlers.js";
import { startStandaloneEmulator } from "./startStandaloneEmulator.js";
import { expectOidcError, expectStsError } from "./testSupport/sdkErrorAssertions.js";
import { startCallbackServer } from "./testSupport/startCallbackServer.js";
import { visitLikeABrowser } from "./visitLikeABrowser.js";

const START_URL = "https://example.awsapps.com/start";
const ROLE = "arn:aws:iam::222233334444:role/Partner";

describe("standalone emulator: flags and EmulatorControl", () => {
  test("device and browser logins approved or denied from outside; STS settings and counts", async (t) => {
    const standalone = await startStandaloneEmulator([
      "--authorize-outcome",
      "deny",
      "--role-credentials-ttl",
      "20",
      "--assume-role-ttl-cap",
      "20",
      "--device-poll-interval",
      "5",
      "--enforce-poll-interval",
      "--sts-disabled-regions",
      "eu-south-1,ap-east-1",
      "--role-trust",
      JSON.stringify({ [ROLE]: { externalId: "ext-1" } }),
    ]);
    t.after(() => standalone.stop());
    const { control, url } = standalone;
    const oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: url, maxAttempts: 1 });
    const sso = new SSOClient({ region: "us-east-1", endpoint: url, maxAttempts: 1 });
    const stsClients: STSClient[] = [];
    const sts = (credentials: AwsCredentialIdentity) => {
      const client = new STSClient({ region: "us-east-1", endpoint: url, maxAttempts: 1, credentials });
      stsClients.push(client);
      return client;
    };
    t.after(() => {
      oidc.destroy();
      sso.destroy();
      for (const client of stsClients) client.destroy();
    });

    const config = await control.config();
    assert.equal(config.authorizeOutcome, "deny");
    assert.equal(config.roleCredentialsTtlSeconds, 20);
    assert.equal(config.assumeRoleTtlCapSeconds, 20);
    assert.equal(config.enforceDevicePollInterval, true);
    assert.deepEqual(config.stsDisabledRegions, ["eu-south-1", "ap-east-1"]);
    assert.deepEqual(await control.roleTrust(), { [ROLE]: { externalId: "ext-1" } });

    // Device login: the test finds the pending request and denies it, then approves the next one.
    const reg = await oidc.send(new RegisterClientCommand({ clientName: "cli", clientType: "public", scopes: ["sso:account:access"] }));
    const startDevice = async () => {
      const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: START_URL }));
      const poll = () =>
        oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: device.deviceCode }));
      return { device, poll };
    };
    const waiting = control.waitForPendingDevice(5000);
    const first = await startDevice();
    const pending = await waiting;
    assert.equal(pending.userCode, first.device.userCode);
    assert.ok(pending.expiresAt instanceof Date);
    assert.equal(pending.intervalSeconds, 5);
    await control.denyDevice(pending.userCode);
    await expectOidcError(first.poll(), "AccessDeniedException", 400, "access_denied");
    const second = await startDevice();
    await control.approveDevice((await control.waitForPendingDevice()).userCode);
    const token = await second.poll();
    assert.ok(token.accessToken);
    assert.deepEqual(
      (await control.deviceAuthorizations()).map((auth) => auth.status),
      ["denied", "consumed"],
    );
    await assert.rejects(control.denyDevice("NOPE-NOPE"), /400/);

    // Browser login: denied by the flag, then once more by denyNextAuthorize, then approved.
    const callback = await startCallbackServer(t);
    const pkce = await oidc.send(
      new RegisterClientCommand({
        clientName: "cli-pkce",
        clientType: "public",
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: ["http://127.0.0.1/oauth/callback"],
        issuerUrl: START_URL,
        scopes: ["sso:account:access"],
      }),
    );
    const authorize = new URL("/authorize", url);
    authorize.search = new URLSearchParams({
      response_type: "code",
      client_id: pkce.clientId ?? "",
      redirect_uri: callback.redirectUri,
      state: "xyz",
      code_challenge_method: "S256",
      scopes: "sso:account:access",
      code_challenge: createHash("sha256").update(randomBytes(32).toString("base64url")).digest("base64url"),
    }).toString();
    await visitLikeABrowser(authorize.href);
    await control.configure({ authorizeOutcome: "approve" });
    await control.denyNextAuthorize(1);
    await visitLikeABrowser(authorize.href);
    await visitLikeABrowser(authorize.href);
    assert.deepEqual(
      callback.received.map((query) => query.get("error") ?? "code"),
      ["access_denied", "access_denied", "code"],
    );
    const requests = await control.authorizeRequests();
    assert.deepEqual(
      requests.map((request) => request.outcome),
      ["denied", "denied", "approved"],
    );
    assert.equal(requests[2]?.params.redirect_uri, callback.redirectUri);
    assert.equal(requests[2]?.params.state, "xyz");

    // STS: a chain from SSO credentials; the trust policy and the TTL cap come from the flags.
    const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: "111122223333", roleName: "ReadOnly" }));
    const source = {
      accessKeyId: roleCredentials?.accessKeyId ?? "",
      secretAccessKey: roleCredentials?.secretAccessKey ?? "",
      sessionToken: roleCredentials?.sessionToken ?? "",
    };
    const sourceInfo = await control.accessKeyInfo(source.accessKeyId);
    assert.equal(sourceInfo?.kind, "sso-role");
    assert.equal(sourceInfo?.expiresAt?.getTime(), roleCredentials?.expiration, "--role-credentials-ttl applies");
    assert.equal((await control.issuedRoleCredentials())[0]?.accessKeyId, source.accessKeyId);
    await expectStsError(sts(source).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "s1" })), "AccessDenied", 403);
    const assumed = await sts(source).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "s1", ExternalId: "ext-1", DurationSeconds: 900 }));
    const hop = {
      accessKeyId: assumed.Credentials?.AccessKeyId ?? "",
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? "",
      sessionToken: assumed.Credentials?.SessionToken ?? "",
    };
    const issued = await control.issuedAssumedRoleCredentials();
    assert.equal(issued.length, 1);
    assert.equal(issued[0]?.expiration, assumed.Credentials?.Expiration?.getTime());
    assert.equal(issued[0]?.sourceAccessKeyId, source.accessKeyId);
    assert.equal(issued[0]?.durationSeconds, 900);
    assert.equal((await sts(hop).send(new GetCallerIdentityCommand({}))).Arn, "arn:aws:sts::222233334444:assumed-role/Partner/s1");
    await control.advanceClock(21_000);
    await expectStsError(sts(hop).send(new GetCallerIdentityCommand({})), "ExpiredToken", 403);
    assert.equal((await control.accessKeyInfo(hop.accessKeyId))?.valid, false, "--assume-role-ttl-cap 20 made it a 20-second key");
    assert.equal(await control.accessKeyInfo("AKIANOTHINGATALL0000"), undefined);

    const user = await control.createUserAccessKey({ userName: "ci" });
    await control.setRoleTrust(ROLE, undefined);
    await control.throttleNext("AssumeRole", 1);
    await expectStsError(sts(user).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "u1" })), "Throttling", 400);
    assert.ok(await sts(user).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "u1" })));
    await control.setRoleTrust(ROLE, { deny: true });
    await expectStsError(sts(user).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "u1" })), "AccessDenied", 403);

    const stsRequests = await control.stsRequests();
    assert.deepEqual(
      stsRequests.map((request) => [request.operation, request.outcome]),
      [
        ["AssumeRole", "AccessDenied"],
        ["AssumeRole", "ok"],
        ["GetCallerIdentity", "ok"],
        ["GetCallerIdentity", "ExpiredToken"],
        ["AssumeRole", "fault"],
        ["AssumeRole", "ok"],
        ["AssumeRole", "AccessDenied"],
      ],
    );
    assert.equal(stsRequests[1]?.accessKeyId, source.accessKeyId);
    assert.equal(stsRequests[2]?.accessKeyId, hop.accessKeyId);
    assert.equal(stsRequests[6]?.accessKeyId, user.accessKeyId);

    const { calls } = await control.calls();
    assert.equal(calls.AssumeRole, 5);
    assert.equal(calls.GetCallerIdentity, 2);
    assert.equal(calls.Authorize, 3);
    assert.equal(calls.RegisterClient, 2);
    assert.equal(calls.StartDeviceAuthorization, 2);
    assert.equal(calls.DeviceVerification, 0);
    assert.equal(await standalone.stop(), 0);
  });

  test("bad flags are refused before listening", async () => {
    await assert.rejects(startStandaloneEmulator(["--authorize-outcome", "maybe"]), /exited \(2\).*--authorize-outcome needs approve or deny/s);
    await assert.rejects(startStandaloneEmulator(["--role-trust", "[1]"]), /--role-trust needs a JSON object/);
  });
});
