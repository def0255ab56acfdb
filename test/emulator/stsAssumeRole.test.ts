// The emulator's STS (AssumeRole, GetCallerIdentity; awsQuery) through the REAL @aws-sdk/client-sts:
// role chains from SSO credentials, caller-credential checks, validation and trust policies as
// sts.json and STS's common errors have them.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  MalformedPolicyDocumentException,
  PackedPolicyTooLargeException,
  RegionDisabledException,
  type STSClient,
} from "@aws-sdk/client-sts";
import { GetRoleCredentialsCommand } from "@aws-sdk/client-sso";
import type { AwsCredentialIdentity } from "@smithy/types";
import { STS_ERRORS } from "./EmulatorHttpError.js";
import { expectStsError, rejection } from "./testSupport/sdkErrorAssertions.js";
import { startEmulatorWorld, type EmulatorWorld } from "./testSupport/startEmulatorWorld.js";

const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STS_FIXTURE = fileURLToPath(new URL("./fixtures/envStsClient.ts", import.meta.url));
const ACCOUNT = "111122223333";
const ROLE_A = "arn:aws:iam::222233334444:role/Deploy";
const ROLE_B = "arn:aws:iam::555566667777:role/team/Admin";

/** SSO role credentials from the portal, as the first hop of a chain. */
async function ssoCredentials(world: EmulatorWorld, roleName = "ReadOnly"): Promise<AwsCredentialIdentity> {
  const { accessToken } = world.emu.issueSession();
  const { roleCredentials } = await world.sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: ACCOUNT, roleName }));
  return {
    accessKeyId: roleCredentials?.accessKeyId ?? "",
    secretAccessKey: roleCredentials?.secretAccessKey ?? "",
    sessionToken: roleCredentials?.sessionToken ?? "",
  };
}

function credentialsOf(out: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } }): AwsCredentialIdentity {
  return {
    accessKeyId: out.Credentials?.AccessKeyId ?? "",
    secretAccessKey: out.Credentials?.SecretAccessKey ?? "",
    sessionToken: out.Credentials?.SessionToken ?? "",
  };
}

function assume(sts: STSClient, input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) {
  return sts.send(new AssumeRoleCommand({ RoleArn: ROLE_A, RoleSessionName: "chain", ...input }));
}

describe("STS: role chains", () => {
  test("SSO credentials → AssumeRole → AssumeRole; every hop is signed by the previous hop's key", async (t) => {
    const world = await startEmulatorWorld(t);
    const { emu, clock } = world;
    const first = await ssoCredentials(world);
    const who = await world.sts(first).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, ACCOUNT);
    assert.match(who.Arn ?? "", /^arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/emulator-user$/);
    assert.match(who.UserId ?? "", /^AROA[A-Z2-7]{17}:emulator-user$/);

    const hopA = await assume(world.sts(first), { RoleSessionName: "hop-a" });
    assert.match(hopA.Credentials?.AccessKeyId ?? "", /^ASIA[A-Z2-7]{16}$/);
    assert.ok(hopA.Credentials?.Expiration instanceof Date);
    assert.equal(hopA.Credentials.Expiration.getTime(), clock.now() + 3600_000, "DurationSeconds defaults to 3600");
    assert.equal(hopA.AssumedRoleUser?.Arn, "arn:aws:sts::222233334444:assumed-role/Deploy/hop-a");
    assert.match(hopA.AssumedRoleUser?.AssumedRoleId ?? "", /^AROA[A-Z2-7]{17}:hop-a$/);
    assert.equal(hopA.PackedPolicySize, undefined);

    const hopB = await world.sts(credentialsOf(hopA)).send(new AssumeRoleCommand({ RoleArn: ROLE_B, RoleSessionName: "hop-b", DurationSeconds: 900 }));
    assert.equal(hopB.AssumedRoleUser?.Arn, "arn:aws:sts::555566667777:assumed-role/Admin/hop-b", "the role path is not in the session ARN");
    assert.equal(hopB.Credentials?.Expiration?.getTime(), clock.now() + 900_000);
    const last = await world.sts(credentialsOf(hopB)).send(new GetCallerIdentityCommand({}));
    assert.equal(last.Arn, hopB.AssumedRoleUser?.Arn);
    assert.equal(last.Account, "555566667777");

    assert.deepEqual(
      emu.stsRequests.map((request) => [request.operation, request.accessKeyId, request.params.RoleArn, request.outcome]),
      [
        ["GetCallerIdentity", first.accessKeyId, undefined, "ok"],
        ["AssumeRole", first.accessKeyId, ROLE_A, "ok"],
        ["AssumeRole", hopA.Credentials.AccessKeyId, ROLE_B, "ok"],
        ["GetCallerIdentity", hopB.Credentials?.AccessKeyId, undefined, "ok"],
      ],
    );
    assert.equal(emu.stsRequests[1]?.region, "us-east-1");
    assert.deepEqual(
      emu.issuedAssumedRoleCredentials.map((c) => [c.roleArn, c.roleSessionName, c.sourceAccessKeyId, c.durationSeconds]),
      [
        [ROLE_A, "hop-a", first.accessKeyId, 3600],
        [ROLE_B, "hop-b", hopA.Credentials.AccessKeyId, 900],
      ],
    );
    assert.equal(emu.calls.AssumeRole, 2);
    assert.equal(emu.calls.GetCallerIdentity, 2);
    assert.equal(emu.accessKeyInfo(hopB.Credentials?.AccessKeyId ?? "")?.kind, "assumed-role");
    assert.equal(emu.accessKeyInfo(first.accessKeyId)?.kind, "sso-role");
    assert.equal(emu.accessKeyInfo("ASIANOTISSUEDBYEMUL"), undefined);
    assert.equal(JSON.stringify(emu.issuedAssumedRoleCredentials).includes(hopA.Credentials.SecretAccessKey ?? "?"), false, "no secrets in the records");
  });

  test("a user's long-term key starts a chain too, and may ask for the role's whole MaxSessionDuration", async (t) => {
    const world = await startEmulatorWorld(t, { roleTrust: { [ROLE_A]: { maxSessionDurationSeconds: 43200 } } });
    const user = world.emu.createUserAccessKey({ accountId: "999988887777", userName: "ci" });
    assert.match(user.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    const sts = world.sts({ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, "arn:aws:iam::999988887777:user/ci");
    const long = await assume(sts, { DurationSeconds: 43200 });
    assert.equal(long.Credentials?.Expiration?.getTime(), world.clock.now() + 43200_000);
    assert.equal(world.emu.accessKeyInfo(user.accessKeyId)?.expiresAt, undefined);
  });
});

describe("STS: the caller's credentials", () => {
  test("unknown key, wrong or missing session token → InvalidClientTokenId (403)", async (t) => {
    const world = await startEmulatorWorld(t);
    const sso = await ssoCredentials(world);
    const invalid = [
      { accessKeyId: "ASIAEMUAAAAAAAAAAAAA", secretAccessKey: "x", sessionToken: "y" },
      { ...sso, sessionToken: "emu-st-somebody-elses" },
      { accessKeyId: sso.accessKeyId, secretAccessKey: sso.secretAccessKey },
    ];
    for (const credentials of invalid) {
      const error = await expectStsError(assume(world.sts(credentials)), "InvalidClientTokenId", 403);
      assert.equal(error.message, "The security token included in the request is invalid.");
    }
    const user = world.emu.createUserAccessKey();
    await expectStsError(assume(world.sts({ ...user, sessionToken: "emu-st-x" })), "InvalidClientTokenId", 403);
    assert.equal(world.emu.issuedAssumedRoleCredentials.length, 0);
  });

  test("expired SSO credentials (roleCredentialsTtlSeconds 20) → ExpiredToken (403, not the modelled 400 ExpiredTokenException)", async (t) => {
    const world = await startEmulatorWorld(t, { roleCredentialsTtlSeconds: 20 });
    const sso = await ssoCredentials(world);
    assert.equal(world.emu.issuedRoleCredentials[0]?.expiration, world.clock.now() + 20_000);
    world.clock.advanceSeconds(19);
    assert.ok(await assume(world.sts(sso)));
    world.clock.advanceSeconds(1);
    const error = await expectStsError(assume(world.sts(sso)), "ExpiredToken", 403);
    assert.equal(error.message, "The security token included in the request is expired");
    assert.equal(world.emu.accessKeyInfo(sso.accessKeyId)?.valid, false);
  });

  test("assumeRoleTtlCapSeconds makes AssumeRole credentials short-lived; the next hop then gets ExpiredToken", async (t) => {
    const world = await startEmulatorWorld(t, { assumeRoleTtlCapSeconds: 20 });
    const hop = await assume(world.sts(await ssoCredentials(world)), { DurationSeconds: 900 });
    assert.equal(hop.Credentials?.Expiration?.getTime(), world.clock.now() + 20_000);
    assert.equal(world.emu.issuedAssumedRoleCredentials[0]?.durationSeconds, 900);
    world.clock.advanceSeconds(20);
    await expectStsError(world.sts(credentialsOf(hop)).send(new GetCallerIdentityCommand({})), "ExpiredToken", 403);
    world.emu.configure({ assumeRoleTtlCapSeconds: null });
    assert.equal(world.emu.config.assumeRoleTtlCapSeconds, null);
  });

  test("a region where STS is disabled → RegionDisabledException (403, modelled)", async (t) => {
    const world = await startEmulatorWorld(t, { stsDisabledRegions: ["eu-south-1"] });
    const sso = await ssoCredentials(world);
    const error = await expectStsError(assume(world.sts(sso, { region: "eu-south-1" })), "RegionDisabledException", 403);
    assert.ok(error instanceof RegionDisabledException);
    assert.match(error.message, /account:111122223333/);
    assert.ok(await assume(world.sts(sso, { region: "eu-west-1" })));
  });

  test("the raw wire format: XML bodies, request ids, and a request without a signature", async (t) => {
    const { emu } = await startEmulatorWorld(t);
    const unsigned = await fetch(emu.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222233334444%3Arole%2FDeploy&RoleSessionName=s1",
    });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get("content-type"), "text/xml");
    const requestId = unsigned.headers.get("x-amzn-requestid") ?? "";
    assert.equal(
      await unsigned.text(),
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n' +
        "  <Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error>\n" +
        `  <RequestId>${requestId}</RequestId>\n` +
        "</ErrorResponse>\n",
    );
    const user = emu.createUserAccessKey();
    const signed = await fetch(emu.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `AWS4-HMAC-SHA256 Credential=${user.accessKeyId}/20300101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00`,
      },
      body: "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222233334444%3Arole%2FDeploy&RoleSessionName=s1",
    });
    const xml = await signed.text();
    assert.equal(signed.status, 200);
    assert.match(
      xml,
      /^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {2}<AssumeRoleResult><Credentials><AccessKeyId>ASIA[A-Z2-7]{16}<\/AccessKeyId><SecretAccessKey>[^<]+<\/SecretAccessKey><SessionToken>[^<]+<\/SessionToken><Expiration>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/Expiration><\/Credentials><AssumedRoleUser><AssumedRoleId>AROA[A-Z2-7]{17}:s1<\/AssumedRoleId><Arn>arn:aws:sts::222233334444:assumed-role\/Deploy\/s1<\/Arn><\/AssumedRoleUser><\/AssumeRoleResult>\n {2}<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata>\n<\/AssumeRoleResponse>\n$/,
    );
    const unknownAction = await fetch(emu.url, { method: "POST", body: "Action=GetSessionToken&Version=2011-06-15" });
    assert.equal(unknownAction.status, 400);
    assert.match(await unknownAction.text(), /<Code>InvalidAction<\/Code>/);
    assert.equal(emu.calls.AssumeRole, 2, "an unknown action is not counted");
  });
});

describe("STS: AssumeRole input validation (sts.json constraints)", () => {
  test("bad members → one ValidationError (400) listing them, as STS words it", async (t) => {
    const world = await startEmulatorWorld(t);
    const sts = world.sts(await ssoCredentials(world));
    const many = await expectStsError(assume(sts, { RoleSessionName: "x", DurationSeconds: 899 }), "ValidationError", 400);
    assert.equal(
      many.message,
      "2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    const cases: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>[] = [
      { RoleSessionName: "has space" },
      { RoleSessionName: "a".repeat(65) },
      { DurationSeconds: 43201 },
      { RoleArn: "arn:aws:iam::12345:role/Short" },
      { RoleArn: "arn:aws:iam::222233334444:user/NotARole" },
      { RoleArn: undefined as unknown as string },
      { ExternalId: "x" },
      { SerialNumber: "arn:aws:iam::111122223333:mfa/me", TokenCode: "12345" },
      { SerialNumber: "short", TokenCode: "123456" },
      { Policy: "" },
    ];
    for (const input of cases) await expectStsError(assume(sts, input), "ValidationError", 400);
    assert.equal(world.emu.issuedAssumedRoleCredentials.length, 0);
    assert.equal(world.emu.stsRequests.at(-1)?.outcome, "ValidationError");
  });

  test("role chaining is limited to one hour; a role's MaxSessionDuration (default 3600) bounds DurationSeconds", async (t) => {
    const world = await startEmulatorWorld(t, { roleTrust: { [ROLE_B]: { maxSessionDurationSeconds: 7200 } } });
    const chained = await expectStsError(assume(world.sts(await ssoCredentials(world)), { DurationSeconds: 3601 }), "ValidationError", 400);
    assert.match(chained.message, /1 hour session limit for roles assumed by role chaining/);
    const user = world.emu.createUserAccessKey();
    const sts = world.sts(user);
    const tooLong = await expectStsError(assume(sts, { DurationSeconds: 7200 }), "ValidationError", 400);
    assert.match(tooLong.message, /exceeds the MaxSessionDuration set for this role/);
    assert.ok(await assume(sts, { RoleArn: ROLE_B, DurationSeconds: 7200 }));
    assert.throws(() => world.emu.setRoleTrust(ROLE_A, { maxSessionDurationSeconds: 100 }), RangeError);
  });

  test("a session policy must be JSON (MalformedPolicyDocumentException, modelled); with one, PackedPolicySize is returned", async (t) => {
    const world = await startEmulatorWorld(t);
    const sts = world.sts(await ssoCredentials(world));
    const malformed = await expectStsError(assume(sts, { Policy: "{not json" }), "MalformedPolicyDocumentException", 400, "MalformedPolicyDocument");
    assert.ok(malformed instanceof MalformedPolicyDocumentException);
    const scoped = await assume(sts, { Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) });
    assert.equal(typeof scoped.PackedPolicySize, "number");
    const withArns = await assume(sts, { PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }], SourceIdentity: "alice" });
    assert.equal(typeof withArns.PackedPolicySize, "number");
    assert.equal(withArns.SourceIdentity, "alice");
    assert.equal(world.emu.stsRequests.at(-1)?.params["PolicyArns.member.1.arn"], "arn:aws:iam::aws:policy/ReadOnlyAccess");
  });
});

describe("STS: trust policies (ExternalId, MFA, deny)", () => {
  test("a required ExternalId: missing or wrong → AccessDenied (403) naming the caller and the role", async (t) => {
    const world = await startEmulatorWorld(t);
    world.emu.setRoleTrust(ROLE_A, { externalId: "partner-42" });
    const creds = await ssoCredentials(world);
    const sts = world.sts(creds);
    const missing = await expectStsError(assume(sts), "AccessDenied", 403);
    assert.equal(
      missing.message,
      `User: ${world.emu.accessKeyInfo(creds.accessKeyId)?.arn ?? "?"} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_A}`,
    );
    await expectStsError(assume(sts, { ExternalId: "partner-43" }), "AccessDenied", 403);
    const ok = await assume(sts, { ExternalId: "partner-42" });
    assert.ok(ok.Credentials?.AccessKeyId);
    assert.equal(world.emu.issuedAssumedRoleCredentials[0]?.externalId, "partner-42");
    world.emu.setRoleTrust(ROLE_A, undefined);
    assert.ok(await assume(sts), "trust removed");
  });

  test("MFA: SerialNumber and a 6-digit TokenCode are required; a wrong code is refused", async (t) => {
    const serial = "arn:aws:iam::111122223333:mfa/alice";
    const world = await startEmulatorWorld(t, { roleTrust: { [ROLE_A]: { mfaSerial: serial, mfaTokenCode: "123456" } } });
    const sts = world.sts(await ssoCredentials(world));
    const none = await expectStsError(assume(sts), "AccessDenied", 403);
    assert.match(none.message, /must provide both MFA serial number and one time pass code/);
    await expectStsError(assume(sts, { SerialNumber: serial }), "AccessDenied", 403);
    const wrongCode = await expectStsError(assume(sts, { SerialNumber: serial, TokenCode: "654321" }), "AccessDenied", 403);
    assert.match(wrongCode.message, /invalid MFA one time pass code/);
    await expectStsError(assume(sts, { SerialNumber: "arn:aws:iam::111122223333:mfa/bob", TokenCode: "123456" }), "AccessDenied", 403);
    const ok = await assume(sts, { SerialNumber: serial, TokenCode: "123456" });
    assert.ok(ok.Credentials);
    assert.equal(world.emu.stsRequests.at(-1)?.params.TokenCode, "123456");
    assert.equal(world.emu.issuedAssumedRoleCredentials[0]?.serialNumber, serial);
  });

  test("deny: the role cannot be assumed by anyone", async (t) => {
    const world = await startEmulatorWorld(t);
    world.emu.setRoleTrust(ROLE_B, { deny: true });
    await expectStsError(assume(world.sts(await ssoCredentials(world)), { RoleArn: ROLE_B }), "AccessDenied", 403);
    assert.deepEqual(world.emu.roleTrust, { [ROLE_B]: { deny: true } });
  });
});

describe("STS: faults, latency, call counts", () => {
  test("failNext with a modelled error (status from the model), a code, or a status; throttleNext is retried", async (t) => {
    const world = await startEmulatorWorld(t, {}, 3);
    const sts = world.sts(await ssoCredentials(world), { maxAttempts: 1 });
    world.emu.failNext("AssumeRole", 1, { errorType: "PackedPolicyTooLargeException", message: "Packed policy consumes 130% of allotted space" });
    const packed = await expectStsError(assume(sts), "PackedPolicyTooLargeException", 400, "PackedPolicyTooLarge");
    assert.ok(packed instanceof PackedPolicyTooLargeException);
    assert.equal(packed.message, "Packed policy consumes 130% of allotted space");
    world.emu.failNext("AssumeRole", 1, { errorType: "ExpiredTokenException" });
    await expectStsError(assume(sts), "ExpiredTokenException", 400);
    world.emu.failNext("AssumeRole", 1, { errorType: "AccessDenied", message: "nope" });
    await expectStsError(assume(sts), "AccessDenied", 403);
    world.emu.failNext("AssumeRole", 1, 500);
    await expectStsError(assume(sts), "InternalFailure", 500);
    world.emu.failNext("GetCallerIdentity", 1, 403);
    await expectStsError(sts.send(new GetCallerIdentityCommand({})), "AccessDenied", 403);
    assert.equal(world.emu.issuedAssumedRoleCredentials.length, 0, "faulted calls issue nothing");
    assert.equal(world.emu.stsRequests.filter((request) => request.outcome === "fault").length, 5);

    const retrying = world.sts(await ssoCredentials(world), { maxAttempts: 3 });
    world.emu.throttleNext("AssumeRole", 1);
    const out = await assume(retrying);
    assert.equal(out.$metadata.attempts, 2, "Throttling (400) is a throttling error to the SDK's retry strategy");
    world.emu.throttleNext("AssumeRole", 3);
    const throttled = await expectStsError(assume(retrying), "Throttling", 400);
    assert.equal(throttled.message, "Rate exceeded");
    for (const [code, { status }] of Object.entries(STS_ERRORS)) {
      world.emu.failNext("GetCallerIdentity", 1, { errorType: code });
      const error = await rejection(sts.send(new GetCallerIdentityCommand({})));
      assert.equal(error.$metadata?.httpStatusCode, status, code);
    }
  });

  test("malformNext: truncated XML is an SDK error; missing Credentials is not", async (t) => {
    const world = await startEmulatorWorld(t);
    const sts = world.sts(await ssoCredentials(world));
    world.emu.malformNext("AssumeRole", 1, "invalid-json");
    const broken = await rejection(assume(sts));
    assert.match(broken.message, /XML parse error/);
    world.emu.malformNext("AssumeRole", 1, "missing-fields");
    const partial = await assume(sts);
    assert.equal(partial.Credentials, undefined);
    assert.ok(partial.AssumedRoleUser?.Arn);
    world.emu.malformNext("AssumeRole", 1, "empty");
    assert.equal((await assume(sts)).Credentials, undefined);
    assert.equal(world.emu.calls.AssumeRole, 3);
  });

  test("latency per operation; a call aborted during it is dropped and issues nothing", async (t) => {
    const world = await startEmulatorWorld(t, { latencyMs: { AssumeRole: 60_000 } });
    const sts = world.sts(await ssoCredentials(world));
    const controller = new AbortController();
    const pending = rejection(sts.send(new AssumeRoleCommand({ RoleArn: ROLE_A, RoleSessionName: "slow" }), { abortSignal: controller.signal }));
    await world.emu.waitUntil(() => world.emu.calls.AssumeRole === 1);
    assert.ok(await sts.send(new GetCallerIdentityCommand({})), "GetCallerIdentity is not delayed");
    controller.abort();
    assert.equal((await pending).name, "AbortError");
    await world.emu.waitUntil(() => world.emu.aborted.AssumeRole === 1);
    assert.equal(world.emu.issuedAssumedRoleCredentials.length, 0);
    assert.equal(world.emu.stsRequests[0]?.outcome, "aborted");
  });
});

describe("STS: reached through AWS_ENDPOINT_URL_STS alone", () => {
  test("a child process's STS client and the SDK's fromTemporaryCredentials find the emulator", async (t) => {
    const world = await startEmulatorWorld(t);
    const source = await ssoCredentials(world);
    const home = mkdtempSync(join(tmpdir(), "emu-sts-env-"));
    t.after(() => rmSync(home, { recursive: true, force: true }));
    const child = spawn(process.execPath, ["--import", "tsx", STS_FIXTURE, JSON.stringify({ roleArn: ROLE_A, roleSessionName: "env" })], {
      cwd: PACKAGE_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: home,
        AWS_CONFIG_FILE: join(home, "config"),
        AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
        AWS_ENDPOINT_URL_STS: world.emu.url,
        AWS_ACCESS_KEY_ID: source.accessKeyId,
        AWS_SECRET_ACCESS_KEY: source.secretAccessKey,
        AWS_SESSION_TOKEN: source.sessionToken ?? "",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    assert.equal(code, 0, stdout + stderr);
    const out = JSON.parse(stdout.trim()) as { assumedArn: string; accessKeyId: string; chainedCallerArn: string };
    assert.equal(out.assumedArn, "arn:aws:sts::222233334444:assumed-role/Deploy/env");
    assert.equal(out.chainedCallerArn, "arn:aws:sts::222233334444:assumed-role/Deploy/env-sdk");
    assert.deepEqual(
      world.emu.stsRequests.map((request) => [request.operation, request.accessKeyId === source.accessKeyId ? "source" : "assumed"]),
      [
        ["AssumeRole", "source"],
        ["AssumeRole", "source"],
        ["GetCallerIdentity", "assumed"],
      ],
    );
  });
});
