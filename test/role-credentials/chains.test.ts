// Profiles that chain from an SSO profile (role_arn + source_profile, to any depth), through fromSSO,
// against the emulator's STS (awsQuery AssumeRole) reached with the real @aws-sdk/client-sts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setCredentialFeature } from "@aws-sdk/core/client";
import { fromSSO as sdkFromSSO } from "@aws-sdk/credential-providers";

import {
  AssumeRoleFailedError,
  ChainRootNotSsoError,
  CredentialSourceNotSupportedError,
  InvalidSsoConfigError,
  MfaCodeRequiredError,
  ProfileChainCycleError,
  SourceProfileNotFoundError,
} from "../../src/index.js";
import { ROLE_A, ROLE_B, chainWorld } from "./chainWorld.js";

const SESSION_NAME = /^aws-sdk-js-\d{13}$/;

describe("role chains from an SSO profile", () => {
  test("two hops: SSO credentials sign the first AssumeRole, its credentials the second; the JS SDK's defaults", async (t) => {
    const w = await chainWorld();
    t.after(() => w.close());
    const credentials = await w.provider({ profile: "admin" })();
    assert.equal(w.emu.calls.GetRoleCredentials, 1);
    assert.equal(w.emu.calls.AssumeRole, 2);
    const [first, second] = w.emu.stsRequests;
    assert.equal(first?.params.RoleArn, ROLE_A);
    assert.equal(second?.params.RoleArn, ROLE_B);
    // Each hop signed by the previous one's key, in its own profile's region.
    const issued = w.emu.issuedAssumedRoleCredentials;
    assert.equal(w.emu.accessKeyInfo(first?.accessKeyId ?? "")?.kind, "sso-role");
    assert.equal(second?.accessKeyId, issued[0]?.accessKeyId);
    assert.equal(credentials.accessKeyId, issued[1]?.accessKeyId);
    assert.equal(first?.region, "eu-west-1");
    assert.equal(second?.region, "eu-central-1");
    for (const request of [first, second]) {
      assert.match(request?.params.RoleSessionName ?? "", SESSION_NAME);
      assert.equal(request?.params.DurationSeconds, "3600");
      assert.equal(request?.params.ExternalId, undefined);
    }
    assert.equal(credentials.accountId, "555566667777");
    assert.ok(credentials.expiration instanceof Date && credentials.sessionToken);
    // As the SDK's role assumer and fromIni mark the credentials of a chained profile.
    assert.deepEqual(credentials.$source, { CREDENTIALS_STS_ASSUME_ROLE: "i", CREDENTIALS_PROFILE_SOURCE_PROFILE: "o" });
  });

  test("role_session_name, external_id and duration_seconds are sent; a trust that needs the external id accepts it", async (t) => {
    const w = await chainWorld({
      extra: ["[profile ext]", `role_arn = ${ROLE_A}`, "source_profile = dev", "role_session_name = ci-run", "external_id = ext-1234", "duration_seconds = 1800", ""].join("\n"),
    });
    t.after(() => w.close());
    w.emu.setRoleTrust(ROLE_A, { externalId: "ext-1234" });
    await w.provider({ profile: "ext" })();
    const [request] = w.emu.stsRequests;
    assert.equal(request?.params.RoleSessionName, "ci-run");
    assert.equal(request?.params.ExternalId, "ext-1234");
    assert.equal(request?.params.DurationSeconds, "1800");
    assert.equal(request?.outcome, "ok");
    // Without a profile region: us-east-1 (the SDK's default), unless clientConfig says otherwise.
    assert.equal(request?.region, "us-east-1");
    await w.provider({ profile: "ext", clientConfig: { endpoint: w.emu.url, region: "ap-south-1" } })();
    assert.equal(w.emu.stsRequests[1]?.region, "ap-south-1");
  });

  test("a trust the role denies: AssumeRoleFailedError naming the profile, the role and the fix", async (t) => {
    const w = await chainWorld();
    t.after(() => w.close());
    w.emu.setRoleTrust(ROLE_A, { externalId: "expected" });
    await assert.rejects(w.provider({ profile: "deploy" })(), (error: unknown) => {
      assert.ok(error instanceof AssumeRoleFailedError, String(error));
      assert.equal(error.serviceCode, "AccessDenied");
      assert.equal(error.profile, "deploy");
      assert.match(error.message, /Could not assume role arn:aws:iam::222233334444:role\/Deploy for profile "deploy"/);
      assert.match(error.message, /external_id/);
      assert.match(error.message, /profile "dev"/);
      return true;
    });
  });

  test("mfa_serial: without an mfaCodeProvider a typed error; with one, its code is sent", async (t) => {
    const serial = "arn:aws:iam::111122223333:mfa/me";
    const w = await chainWorld({ extra: ["[profile mfa]", `role_arn = ${ROLE_A}`, "source_profile = dev", `mfa_serial = ${serial}`, ""].join("\n") });
    t.after(() => w.close());
    w.emu.setRoleTrust(ROLE_A, { mfaSerial: serial, mfaTokenCode: "123456" });
    await assert.rejects(w.provider({ profile: "mfa" })(), (error: unknown) => {
      assert.ok(error instanceof MfaCodeRequiredError, String(error));
      assert.match(error.message, /mfaCodeProvider/);
      assert.match(error.message, /mfa_serial = arn:aws:iam::111122223333:mfa\/me/);
      return true;
    });
    assert.equal(w.emu.calls.AssumeRole, 0, "nothing is sent without a code");
    const asked: string[] = [];
    await w.provider({ profile: "mfa", mfaCodeProvider: async (mfaSerial) => (asked.push(mfaSerial), "123456") })();
    assert.deepEqual(asked, [serial]);
    const [request] = w.emu.stsRequests;
    assert.equal(request?.params.SerialNumber, serial);
    assert.equal(request?.params.TokenCode, "123456");
    assert.equal(request?.outcome, "ok");
  });

  test("the roleAssumer option replaces the STS client", async (t) => {
    const w = await chainWorld();
    t.after(() => w.close());
    const seen: { source: string; params: Record<string, unknown> }[] = [];
    const credentials = await w.provider({
      profile: "deploy",
      roleAssumer: async (source, params) => {
        seen.push({ source: source.accessKeyId, params: { ...params } });
        return { accessKeyId: "ASIAASSUMER", secretAccessKey: "s", sessionToken: "t", expiration: new Date(Date.now() + 3600_000) };
      },
    })();
    assert.equal(credentials.accessKeyId, "ASIAASSUMER");
    assert.equal(credentials.accountId, "222233334444");
    assert.equal(w.emu.calls.AssumeRole, 0);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.params.RoleArn, ROLE_A);
    assert.equal(w.emu.accessKeyInfo(seen[0]?.source ?? "")?.kind, "sso-role");
  });

  describe("configuration errors, typed, naming the profiles", () => {
    const cases: [string, string, string, (error: unknown) => void][] = [
      ["a cycle", "[profile loop1]\nrole_arn = " + ROLE_A + "\nsource_profile = loop2\n\n[profile loop2]\nrole_arn = " + ROLE_B + "\nsource_profile = loop1\n", "loop1", (error) => {
        assert.ok(error instanceof ProfileChainCycleError);
        assert.deepEqual(error.chain, ["loop1", "loop2", "loop1"]);
        assert.match(error.message, /loop1 -> loop2 -> loop1/);
      }],
      ["a profile that is its own source", "[profile self]\nrole_arn = " + ROLE_A + "\nsource_profile = self\n", "self", (error) => {
        assert.ok(error instanceof ProfileChainCycleError);
      }],
      ["no source_profile", "[profile orphan]\nrole_arn = " + ROLE_A + "\n", "orphan", (error) => {
        assert.ok(error instanceof SourceProfileNotFoundError);
        assert.equal(error.sourceProfile, undefined);
        assert.match(error.message, /no source_profile/);
      }],
      ["a source profile that does not exist", "[profile dangling]\nrole_arn = " + ROLE_A + "\nsource_profile = nowhere\n", "dangling", (error) => {
        assert.ok(error instanceof SourceProfileNotFoundError);
        assert.equal(error.sourceProfile, "nowhere");
        assert.match(error.message, /no profile "nowhere"/);
      }],
      ["a root with static keys", "[profile keys]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n\n[profile fromkeys]\nrole_arn = " + ROLE_A + "\nsource_profile = keys\n", "fromkeys", (error) => {
        assert.ok(error instanceof ChainRootNotSsoError);
        assert.equal(error.root, "keys");
        assert.equal(error.tryNextLink, true);
        assert.match(error.message, /fromIni\(\{ profile: "fromkeys" \}\)/);
        assert.doesNotMatch(error.message, /AKIAEXAMPLE/);
      }],
      ["a root with credential_process", "[profile proc]\ncredential_process = /bin/true\n\n[profile fromproc]\nrole_arn = " + ROLE_A + "\nsource_profile = proc\n", "fromproc", (error) => {
        assert.ok(error instanceof ChainRootNotSsoError);
        assert.match(error.message, /profile "proc", which uses credential_process/);
      }],
      ["credential_source", "[profile ec2]\nrole_arn = " + ROLE_A + "\ncredential_source = Ec2InstanceMetadata\n", "ec2", (error) => {
        assert.ok(error instanceof CredentialSourceNotSupportedError);
        assert.match(error.message, /credential_source = Ec2InstanceMetadata/);
      }],
      ["credential_source further down", "[profile ec2]\nrole_arn = " + ROLE_A + "\ncredential_source = Environment\n\n[profile up]\nrole_arn = " + ROLE_B + "\nsource_profile = ec2\n", "up", (error) => {
        assert.ok(error instanceof CredentialSourceNotSupportedError);
        assert.equal(error.profile, "ec2");
      }],
      ["a duration that is not a number", "[profile long]\nrole_arn = " + ROLE_A + "\nsource_profile = dev\nduration_seconds = 1h\n", "long", (error) => {
        assert.ok(error instanceof InvalidSsoConfigError);
        assert.equal(error.field, "duration_seconds");
      }],
    ];
    for (const [name, extra, profile, check] of cases) {
      test(name, async (t) => {
        const w = await chainWorld({ extra });
        t.after(() => w.close());
        await assert.rejects(w.provider({ profile })(), (error: unknown) => {
          check(error);
          return true;
        });
        assert.equal(w.emu.calls.GetRoleCredentials + w.emu.calls.AssumeRole, 0, "nothing was called");
      });
    }
  });
});

describe("credentials objects the SDK can annotate", () => {
  test("plain and mutable, marked as the SDK's fromSSO marks them; setCredentialFeature works on them", async (t) => {
    const w = await chainWorld();
    t.after(() => w.close());
    const ours = await w.provider()();
    assert.equal(Object.isFrozen(ours), false);
    assert.equal(Object.getPrototypeOf(ours), Object.prototype);
    // The SDK's fromSSO finds the token cache through HOME only.
    const home = process.env.HOME;
    process.env.HOME = w.fixture.home;
    t.after(() => {
      process.env.HOME = home;
    });
    const sdk = await sdkFromSSO({
      profile: "dev",
      configFilepath: w.fixture.configPath,
      filepath: `${w.fixture.home}/.aws/credentials`,
      clientConfig: { endpoint: w.emu.url },
    })();
    assert.deepEqual(ours.$source, (sdk as { $source?: unknown }).$source);
    assert.deepEqual(ours.$source, { CREDENTIALS_SSO: "s" });
    setCredentialFeature(ours, "CREDENTIALS_CODE", "e");
    assert.deepEqual(ours.$source, { CREDENTIALS_SSO: "s", CREDENTIALS_CODE: "e" });
    const chained = await w.provider({ profile: "admin" })();
    setCredentialFeature(chained, "CREDENTIALS_PROFILE", "n");
    assert.equal(chained.$source?.CREDENTIALS_PROFILE, "n");
  });

  test("a legacy profile is marked CREDENTIALS_SSO_LEGACY, as the SDK does", async (t) => {
    const { legacyProfileConfig } = await import("../helpers/ssoFixture.js");
    const { providerWorld, START_URL } = await import("../helpers/providerWorld.js");
    const w = await providerWorld({ config: legacyProfileConfig({ startUrl: START_URL }) });
    t.after(() => w.close());
    const { writeCachedToken } = await import("../helpers/ssoFixture.js");
    await writeCachedToken(w.fixture.cacheDir, START_URL, w.emu.issueSession({ startUrl: START_URL }));
    const credentials = await w.provider({ profile: "legacy" })();
    assert.deepEqual(credentials.$source, { CREDENTIALS_SSO_LEGACY: "u" });
  });
});
