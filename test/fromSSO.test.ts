import { SSOClient } from "@aws-sdk/client-sso";
import assert from "node:assert/strict";
import { readFile, stat, writeFile } from "node:fs/promises";
import { afterEach, test } from "node:test";

import { TestClock } from "./helpers/TestClock.js";
import {
  ClientRegistrationExpiredError,
  ConflictingSsoConfigError,
  fromSSO,
  InvalidSsoConfigError,
  MissingSsoFieldError,
  NotSsoProfileError,
  ProfileNotFoundError,
  RoleCredentialsFailedError,
  RoleCredentialsUnauthorizedError,
  SsoSessionNotFoundError,
  SsoTokenCacheFileError,
  SsoTokenExpiredError,
  SsoTokenNotFoundError,
  TokenRefreshFailedError,
  TokenRefreshRejectedError,
} from "../src/index.js";
import { tokenCacheFilePath } from "../src/token/tokenCacheFilePath.js";
import { IdentityCenterEmulator } from "./emulator/index.js";
import { providerWorld, type ProviderWorld } from "./helpers/providerWorld.js";
import {
  ACCOUNT_ID,
  legacyProfileConfig,
  makeSsoFixture,
  ROLE_NAME,
  sessionProfileConfig,
  writeCachedToken,
} from "./helpers/ssoFixture.js";

const START_URL = "https://emulator.awsapps.com/start";
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** An emulator, a home with a session profile `dev` (session `my-sso`) and its cached token; closed after each test. */
async function world(options: Parameters<typeof providerWorld>[0] = {}): Promise<ProviderWorld> {
  const w = await providerWorld(options);
  cleanups.push(() => w.close());
  return w;
}

async function readCache(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
}

test("a session profile with a valid cached token gets role credentials, with no refresh", async () => {
  const w = await world();
  const credentials = await w.provider()();
  const issued = w.emu.issuedRoleCredentials.at(-1);
  assert.ok(issued);
  assert.equal(credentials.accessKeyId, issued.accessKeyId);
  assert.match(credentials.secretAccessKey, /^emu-sak-/);
  assert.match(credentials.sessionToken ?? "", /^emu-st-/);
  assert.ok(credentials.expiration instanceof Date);
  assert.equal(credentials.expiration.getTime(), issued.expiration);
  assert.equal(credentials.accountId, ACCOUNT_ID);
  assert.equal(w.emu.calls.CreateToken, 0);
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
});

test("credentials are memoized, and concurrent callers share one request", async () => {
  const w = await world();
  const provider = w.provider();
  const all = await Promise.all(Array.from({ length: 10 }, () => provider()));
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
  assert.ok(all.every((credentials) => credentials === all[0]));
  await provider();
  await provider({ callerClientConfig: { profile: "ignored-when-profile-is-set" } });
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
  await provider({ forceRefresh: true });
  assert.equal(w.emu.calls.GetRoleCredentials, 2);
});

test("role credentials are fetched again inside the refresh window before they expire", async () => {
  const clock = new TestClock(Date.now());
  const w = await world({ emulator: { roleCredentialsTtlSeconds: 3600 } });
  const provider = w.provider({ clock, refreshWindowSeconds: 300 });
  const first = await provider();
  await clock.advance(first.expiration.getTime() - 301_000 - clock.now());
  assert.equal(await provider(), first);
  await clock.advance(2_000);
  const second = await provider();
  assert.notEqual(second, first);
  assert.equal(w.emu.calls.GetRoleCredentials, 2);
});

test("an expired token is refreshed once, written back atomically with the rotated refresh token, unknown fields kept", async () => {
  const w = await world({ session: { accessTokenExpired: true }, cache: { futureField: { kept: [1, 2] } } });
  const before = await readCache(w.path);
  const provider = w.provider();
  await Promise.all([provider(), provider(), provider()]);
  assert.equal(w.emu.calls.CreateToken, 1);
  const after = await readCache(w.path);
  assert.notEqual(after.accessToken, before.accessToken);
  assert.ok(w.emu.isAccessTokenValid(after.accessToken as string));
  assert.equal(after.refreshToken, w.emu.latestRefreshToken);
  assert.notEqual(after.refreshToken, before.refreshToken);
  assert.match(after.expiresAt as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(after.futureField, { kept: [1, 2] });
  for (const field of ["startUrl", "region", "clientId", "clientSecret", "registrationExpiresAt"]) {
    assert.equal(after[field], before[field], field);
  }
  assert.equal((await stat(w.path)).mode & 0o777, 0o600);
  assert.ok(w.logger.lines.some((line) => line.message.includes('refreshing the SSO token for sso-session "my-sso"')));
});

test("a token inside the refresh window is refreshed; one outside it is not", async () => {
  const w = await world({ session: { accessTokenTtlSeconds: 120 } });
  await w.provider({ refreshWindowSeconds: 60 })();
  assert.equal(w.emu.calls.CreateToken, 0);
  await w.provider({ refreshWindowSeconds: 300 })();
  assert.equal(w.emu.calls.CreateToken, 1);
});

test("a refresh response without a refresh token keeps the old one", async () => {
  const w = await world({ emulator: { rotation: "none" }, session: { accessTokenExpired: true } });
  const before = await readCache(w.path);
  await w.provider()();
  const after = await readCache(w.path);
  assert.equal(after.refreshToken, before.refreshToken);
  assert.notEqual(after.accessToken, before.accessToken);
});

test("a failed refresh while the token is still valid uses the token, warns, and waits 30 s before trying again", async () => {
  const clock = new TestClock(Date.now());
  const w = await world({ emulator: { now: clock.now }, session: { accessTokenTtlSeconds: 120 } });
  const before = await readFile(w.path, "utf8");
  w.emu.failNext("CreateToken", 3, 500);
  const provider = w.provider({ clock, refreshWindowSeconds: 300 });
  const credentials = await provider();
  assert.ok(credentials.accessKeyId);
  assert.equal(w.emu.calls.CreateToken, 3, "the SDK retried the 500s");
  assert.equal(await readFile(w.path, "utf8"), before);
  const warning = w.logger.lines.find((line) => line.level === "warn");
  assert.ok(warning);
  assert.match(warning.message, /could not refresh the SSO token/);
  assert.match(warning.message, /InternalServerException/);

  await provider({ forceRefresh: true });
  assert.equal(w.emu.calls.CreateToken, 3, "no new attempt within 30 s");
  await clock.advance(31_000);
  await provider({ forceRefresh: true });
  assert.equal(w.emu.calls.CreateToken, 4);
  assert.notEqual(await readFile(w.path, "utf8"), before);
});

test("an expired token whose refresh fails is a TokenRefreshFailedError with the service's code; the cache is untouched", async () => {
  const w = await world({ session: { accessTokenExpired: true } });
  const before = await readFile(w.path, "utf8");
  w.emu.failNext("CreateToken", 3, 500);
  await assert.rejects(w.provider()(), (error: unknown) => {
    assert.ok(error instanceof TokenRefreshFailedError);
    assert.equal(error.serviceCode, "InternalServerException");
    assert.equal(error.httpStatusCode, 500);
    assert.ok(error.message.includes(w.path));
    assert.equal(error.tryNextLink, false);
    return true;
  });
  assert.equal(await readFile(w.path, "utf8"), before);
});

test("invalid_grant is a TokenRefreshRejectedError telling the user to log in again", async () => {
  const w = await world({ session: { accessTokenExpired: true } });
  const cached = await readCache(w.path);
  w.emu.revokeRefreshToken(cached.refreshToken as string);
  await assert.rejects(w.provider({ lock: { peerRefreshWaitMs: 100 } })(), (error: unknown) => {
    assert.ok(error instanceof TokenRefreshRejectedError);
    assert.equal(error.serviceCode, "InvalidGrantException");
    assert.match(error.message, /session has ended or was revoked/);
    assert.match(error.message, /aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
    return true;
  });
  assert.deepEqual(await readCache(w.path), cached);
});

test("an expired client registration is a ClientRegistrationExpiredError, and no CreateToken is sent", async () => {
  const w = await world({ session: { accessTokenExpired: true }, cache: { registrationExpiresAt: "2020-01-01T00:00:00Z" } });
  await assert.rejects(w.provider()(), (error: unknown) => {
    assert.ok(error instanceof ClientRegistrationExpiredError);
    assert.match(error.message, /client registration in .* expired at 2020-01-01T00:00:00.000Z/);
    assert.match(error.message, /aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
    return true;
  });
  assert.equal(w.emu.calls.CreateToken, 0);
});

test("a legacy profile uses its token as is, and an expired one is an SsoTokenExpiredError naming the profile login", async () => {
  const emu = new IdentityCenterEmulator();
  await emu.start();
  const fixture = await makeSsoFixture(legacyProfileConfig({ startUrl: START_URL }));
  cleanups.push(() => emu.stop(), () => fixture.cleanup());
  const session = emu.issueSession({ startUrl: START_URL });
  const init = { profile: "legacy", configFilepath: fixture.configPath, cacheDir: fixture.cacheDir, clientConfig: { endpoint: emu.url } };
  await writeCachedToken(fixture.cacheDir, START_URL, session, {
    clientId: undefined,
    clientSecret: undefined,
    refreshToken: undefined,
    registrationExpiresAt: undefined,
  });
  assert.ok((await fromSSO(init)()).accessKeyId);

  const expired = emu.issueSession({ startUrl: START_URL, accessTokenExpired: true });
  await writeCachedToken(fixture.cacheDir, START_URL, expired);
  await assert.rejects(fromSSO(init)(), (error: unknown) => {
    assert.ok(error instanceof SsoTokenExpiredError);
    assert.match(error.message, /legacy profile/);
    assert.match(error.message, /aws-sso-creds login --profile legacy, or with the AWS CLI v2: aws sso login --profile legacy$/);
    return true;
  });
  assert.equal(emu.calls.CreateToken, 0);
});

test("no cached token is an SsoTokenNotFoundError naming the file and the login command", async () => {
  const w = await world();
  const fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL, session: "other" }));
  cleanups.push(() => fixture.cleanup());
  await assert.rejects(
    fromSSO({ profile: "dev", configFilepath: fixture.configPath, cacheDir: fixture.cacheDir, clientConfig: { endpoint: w.emu.url } })(),
    (error: unknown) => {
      assert.ok(error instanceof SsoTokenNotFoundError);
      assert.equal(error.path, tokenCacheFilePath(fixture.cacheDir, "other"));
      assert.equal(
        error.message,
        `No cached SSO token at ${error.path} for sso-session "other". Run: aws-sso-creds login --sso-session other, or with the AWS CLI v2: aws sso login --sso-session other`,
      );
      return true;
    },
  );
});

test("a corrupt cache file is an SsoTokenCacheFileError and is left as it was", async () => {
  const w = await world();
  await writeFile(w.path, '{"accessToken": "abc", "expiresAt": ');
  await assert.rejects(w.provider()(), SsoTokenCacheFileError);
  assert.equal(await readFile(w.path, "utf8"), '{"accessToken": "abc", "expiresAt": ');
});

test("GetRoleCredentials 401 for a token the cache calls valid: one refresh under the lock, one retry, then the login error", async () => {
  const w = await world();
  // Refused once (revoked, or this machine's clock is behind): the refreshed token works.
  w.emu.failNext("GetRoleCredentials", 1, { status: 401 });
  const credentials = await w.provider()();
  assert.ok(credentials.accessKeyId);
  assert.equal(w.emu.calls.CreateToken, 1, "one refresh");
  assert.equal(w.emu.calls.GetRoleCredentials, 2, "one retry");
  assert.equal(JSON.parse(await readFile(w.path, "utf8")).refreshToken, w.emu.latestRefreshToken, "the refreshed token was saved");

  // Refused again after the refresh: the login error, after exactly one refresh and one retry.
  w.emu.resetCalls();
  w.emu.failNext("GetRoleCredentials", 2, { status: 401 });
  await assert.rejects(w.provider()(), (error: unknown) => {
    assert.ok(error instanceof RoleCredentialsUnauthorizedError);
    assert.equal(error.serviceCode, "UnauthorizedException");
    assert.equal(error.httpStatusCode, 401);
    assert.ok(error.message.includes(`role ${ROLE_NAME} in account ${ACCOUNT_ID}`));
    assert.match(error.message, /aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
    return true;
  });
  assert.equal(w.emu.calls.CreateToken, 1);
  assert.equal(w.emu.calls.GetRoleCredentials, 2);
});

test("GetRoleCredentials 403 is a RoleCredentialsFailedError naming account and role, with no refresh", async () => {
  const w = await world();
  await assert.rejects(w.provider({ ssoRoleName: "NotAssigned" })(), (error: unknown) => {
    assert.ok(error instanceof RoleCredentialsFailedError);
    assert.equal(error.serviceCode, "ForbiddenException");
    assert.equal(error.httpStatusCode, 403);
    assert.ok(error.message.includes(`role NotAssigned in account ${ACCOUNT_ID}`));
    assert.match(error.message, /sso_role_name/);
    return true;
  });
  assert.equal(w.emu.calls.CreateToken, 0);
});

test("config errors name the profile, session, field and file", async () => {
  const config = [
    "[profile plain]",
    "region = eu-west-1",
    "[profile nofield]",
    "sso_session = s",
    "sso_role_name = R",
    "[profile conflict]",
    "sso_session = s",
    "sso_region = eu-west-1",
    "sso_account_id = 1",
    "sso_role_name = R",
    "[profile nosession]",
    "sso_session = missing",
    "sso_account_id = 1",
    "sso_role_name = R",
    "[profile badregion]",
    "sso_start_url = https://x.awsapps.com/start",
    "sso_region = evil.example/#",
    "sso_account_id = 1",
    "sso_role_name = R",
    "[profile http]",
    "sso_start_url = http://x.awsapps.com/start",
    "sso_region = us-east-1",
    "sso_account_id = 1",
    "sso_role_name = R",
    "[sso-session s]",
    "sso_start_url = https://x.awsapps.com/start",
    "sso_region = us-east-1",
  ].join("\n");
  const fixture = await makeSsoFixture(config);
  cleanups.push(() => fixture.cleanup());
  const run = (profile: string) => fromSSO({ profile, configFilepath: fixture.configPath, cacheDir: fixture.cacheDir })();
  const path = fixture.configPath;

  await assert.rejects(run("nope"), (error: unknown) => {
    assert.ok(error instanceof ProfileNotFoundError);
    assert.equal(error.tryNextLink, true);
    assert.deepEqual(error.ssoProfiles, ["nofield", "conflict", "nosession", "badregion", "http"]);
    assert.ok(error.message.includes(`Profile "nope" was not found in ${path}`));
    return true;
  });
  await assert.rejects(run("plain"), (error: unknown) => {
    assert.ok(error instanceof NotSsoProfileError);
    assert.equal(error.tryNextLink, true);
    assert.match(error.message, /aws configure sso --profile plain$/);
    return true;
  });
  await assert.rejects(run("nofield"), (error: unknown) => {
    assert.ok(error instanceof MissingSsoFieldError);
    assert.equal(error.message, `[profile nofield] in ${path} is missing sso_account_id. Add "sso_account_id = ..." to that section, or run: aws configure sso`);
    return true;
  });
  await assert.rejects(run("conflict"), (error: unknown) => {
    assert.ok(error instanceof ConflictingSsoConfigError);
    assert.ok(error.message.includes("sso_region = eu-west-1"));
    assert.ok(error.message.includes("sso_region = us-east-1"));
    assert.ok(error.message.includes('sso-session "s"'));
    return true;
  });
  await assert.rejects(run("nosession"), SsoSessionNotFoundError);
  await assert.rejects(run("badregion"), (error: unknown) => {
    assert.ok(error instanceof InvalidSsoConfigError);
    assert.equal(error.field, "sso_region");
    assert.ok(error.message.includes('"evil.example/#"'));
    return true;
  });
  await assert.rejects(run("http"), (error: unknown) => {
    assert.ok(error instanceof InvalidSsoConfigError);
    assert.match(error.message, /not an https URL/);
    return true;
  });
});

test("the four SSO options alone need no config file", async () => {
  const w = await world();
  const credentials = await fromSSO({
    ssoStartUrl: START_URL,
    ssoSession: "my-sso",
    ssoRegion: "us-east-1",
    ssoAccountId: ACCOUNT_ID,
    ssoRoleName: ROLE_NAME,
    configFilepath: "/nonexistent/config",
    cacheDir: w.fixture.cacheDir,
    clientConfig: { endpoint: w.emu.url },
  })();
  assert.ok(credentials.accessKeyId);
});

test("the profile comes from the option, then the SDK client's profile, then AWS_PROFILE, then default", async () => {
  const w = await world({
    config: sessionProfileConfig({ startUrl: START_URL, profile: "default" }) + sessionProfileConfig({ startUrl: START_URL, profile: "other" }),
  });
  const saved = process.env.AWS_PROFILE;
  cleanups.push(async () => {
    if (saved === undefined) delete process.env.AWS_PROFILE;
    else process.env.AWS_PROFILE = saved;
  });
  delete process.env.AWS_PROFILE;
  const init = { configFilepath: w.fixture.configPath, cacheDir: w.fixture.cacheDir, clientConfig: { endpoint: w.emu.url } };
  assert.ok((await fromSSO(init)()).accessKeyId, "default");
  process.env.AWS_PROFILE = "missing";
  await assert.rejects(fromSSO(init)(), /Profile "missing" was not found/);
  assert.ok((await fromSSO(init)({ callerClientConfig: { profile: "other" } })).accessKeyId);
  await assert.rejects(fromSSO({ ...init, profile: "absent" })({ callerClientConfig: { profile: "other" } }), /"absent"/);
});

test("the standard endpoint variables reach both clients", async () => {
  const w = await world({ session: { accessTokenExpired: true } });
  const saved = { sso: process.env.AWS_ENDPOINT_URL_SSO, oidc: process.env.AWS_ENDPOINT_URL_SSO_OIDC };
  cleanups.push(async () => {
    for (const [name, value] of [["AWS_ENDPOINT_URL_SSO", saved.sso], ["AWS_ENDPOINT_URL_SSO_OIDC", saved.oidc]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  process.env.AWS_ENDPOINT_URL_SSO = w.emu.url;
  process.env.AWS_ENDPOINT_URL_SSO_OIDC = w.emu.url;
  const credentials = await w.provider({ clientConfig: {} })();
  assert.ok(credentials.accessKeyId);
  assert.equal(w.emu.calls.CreateToken, 1);
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
});

test("works as the credentials of an SDK client", async () => {
  const w = await world();
  const client = new SSOClient({ region: "us-east-1", credentials: w.provider() });
  const identity = await client.config.credentials();
  assert.equal(identity.accessKeyId, w.emu.issuedRoleCredentials.at(-1)?.accessKeyId);
  client.destroy();
});

test("one provider serving clients of different profiles keeps each profile's credentials apart", async () => {
  const w = await world({
    emulator: {
      accounts: [
        { accountId: ACCOUNT_ID, accountName: "Development", roles: [ROLE_NAME] },
        { accountId: "444455556666", accountName: "Production", roles: [ROLE_NAME] },
      ],
    },
    config:
      sessionProfileConfig({ startUrl: START_URL, profile: "dev" }) +
      sessionProfileConfig({ startUrl: START_URL, profile: "prod", accountId: "444455556666" }),
  });
  const provider = w.provider({ profile: undefined });
  const [dev, prod] = await Promise.all([
    provider({ callerClientConfig: { profile: "dev" } }),
    provider({ callerClientConfig: { profile: "prod" } }),
  ]);
  assert.equal(dev.accountId, ACCOUNT_ID);
  assert.equal(prod.accountId, "444455556666");
  assert.equal((await provider({ callerClientConfig: { profile: "prod" } })).accountId, "444455556666");
  assert.equal((await provider({ callerClientConfig: { profile: "dev" } })).accountId, ACCOUNT_ID);
  assert.equal(w.emu.calls.GetRoleCredentials, 2);
});

test("a token that can no longer be refreshed (registration expired) is used, with one warning that a login is coming", async () => {
  const w = await world({ session: { accessTokenTtlSeconds: 120 }, cache: { registrationExpiresAt: "2020-01-01T00:00:00Z" } });
  const provider = w.provider({ refreshWindowSeconds: 300 });
  assert.ok((await provider()).accessKeyId);
  await provider({ forceRefresh: true });
  assert.equal(w.emu.calls.CreateToken, 0);
  const warnings = w.logger.lines.filter((line) => line.level === "warn");
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? "", /then a login is needed.*client registration .* expired.*aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
});

test("the global AWS_ENDPOINT_URL reaches both clients too", async () => {
  const w = await world({ session: { accessTokenExpired: true } });
  const saved = process.env.AWS_ENDPOINT_URL;
  cleanups.push(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = saved;
  });
  process.env.AWS_ENDPOINT_URL = w.emu.url;
  assert.ok((await w.provider({ clientConfig: {} })()).accessKeyId);
  assert.equal(w.emu.calls.CreateToken, 1);
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
});
