// The offline IAM Identity Center emulator (test/emulator/), exercised with the REAL
// @aws-sdk/client-sso-oidc and @aws-sdk/client-sso clients over HTTP on 127.0.0.1. No mocks.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  type CreateTokenCommandOutput,
  ExpiredTokenException,
  InternalServerException,
  InvalidClientException,
  InvalidClientMetadataException,
  InvalidGrantException,
  InvalidRedirectUriException,
  InvalidRequestException as OidcInvalidRequestException,
  InvalidScopeException,
  RegisterClientCommand,
  SlowDownException,
  SSOOIDCClient,
  SSOOIDCServiceException,
  StartDeviceAuthorizationCommand,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
} from "@aws-sdk/client-sso-oidc";
import {
  GetRoleCredentialsCommand,
  InvalidRequestException as PortalInvalidRequestException,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  ResourceNotFoundException,
  SSOClient,
  SSOServiceException,
  TooManyRequestsException,
  UnauthorizedException,
} from "@aws-sdk/client-sso";
import {
  DEVICE_CODE_GRANT,
  IdentityCenterEmulator,
  ManualClock,
  OIDC_ERRORS,
  startStandaloneEmulator,
  type EmulatorOptions,
  type IssuedSession,
  type OidcErrorName,
} from "./emulator/index.js";

import { expectOidcError, expectPortalError, rejection, type SdkError } from "./emulator/testSupport/sdkErrorAssertions.js";

const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENV_FIXTURE = fileURLToPath(new URL("./emulator/fixtures/envEndpointClient.ts", import.meta.url));
const ACCOUNT = "111122223333";
const START_URL = "https://example.awsapps.com/start";

interface Setup {
  readonly clock: ManualClock;
  readonly emu: IdentityCenterEmulator;
  readonly oidc: SSOOIDCClient;
  readonly sso: SSOClient;
}

/** An emulator on a manual clock plus SDK clients pointed at it (single attempt unless told). */
async function setup(t: TestContext, options: EmulatorOptions = {}, maxAttempts = 1): Promise<Setup> {
  const clock = new ManualClock();
  const emu = new IdentityCenterEmulator({ now: clock.now, ...options });
  await emu.start();
  const oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url, maxAttempts });
  const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url, maxAttempts });
  t.after(async () => {
    oidc.destroy();
    sso.destroy();
    await emu.stop();
  });
  return { clock, emu, oidc, sso };
}

function refresh(oidc: SSOOIDCClient, session: Pick<IssuedSession, "clientId" | "clientSecret">, refreshToken: string, options: { abortSignal?: AbortSignal } = {}): Promise<CreateTokenCommandOutput> {
  return oidc.send(
    new CreateTokenCommand({ clientId: session.clientId, clientSecret: session.clientSecret, grantType: "refresh_token", refreshToken }),
    options,
  );
}

function roleCredentials(sso: SSOClient, accessToken: string | undefined, roleName = "ReadOnly", accountId = ACCOUNT) {
  return sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
}

/** Spawns the env-endpoint fixture (SDK clients without `endpoint`). */
function spawnEnvClient(url: string, input: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), "emu-env-"));
  const child = spawn(process.execPath, ["--import", "tsx", ENV_FIXTURE, JSON.stringify(input)], {
    cwd: PACKAGE_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: home,
      AWS_CONFIG_FILE: join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
      AWS_ENDPOINT_URL_SSO_OIDC: url,
      AWS_ENDPOINT_URL_SSO: url,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code, signal) => {
      rmSync(home, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}

describe("OIDC: client registration", () => {
  test("RegisterClient returns a secret and epoch-second timestamps on the emulator clock", async (t) => {
    const { clock, oidc } = await setup(t);
    const out = await oidc.send(new RegisterClientCommand({ clientName: "test", clientType: "public", scopes: ["sso:account:access"] }));
    assert.match(out.clientId ?? "", /^emu-ci-/);
    assert.match(out.clientSecret ?? "", /^emu-cs-[A-Za-z0-9_-]{43}$/);
    assert.equal(out.clientIdIssuedAt, clock.now() / 1000);
    assert.equal(out.clientSecretExpiresAt, clock.now() / 1000 + 90 * 24 * 3600);
    assert.equal(out.authorizationEndpoint, undefined);
  });

  test("a client registered for authorization_code gets the authorize and token endpoints", async (t) => {
    const { emu, oidc } = await setup(t);
    const out = await oidc.send(
      new RegisterClientCommand({
        clientName: "pkce",
        clientType: "public",
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: ["http://127.0.0.1:1/oauth/callback"],
        issuerUrl: START_URL,
      }),
    );
    assert.equal(out.authorizationEndpoint, `${emu.url}/authorize`);
    assert.equal(out.tokenEndpoint, `${emu.url}/token`);
  });

  test("bad registrations are rejected with the model's exceptions", async (t) => {
    const { oidc } = await setup(t);
    await expectOidcError(
      oidc.send(new RegisterClientCommand({ clientName: "x", clientType: "confidential" })),
      "InvalidClientMetadataException",
      400,
      "invalid_client_metadata",
    );
    await expectOidcError(
      oidc.send(new RegisterClientCommand({ clientName: "x", clientType: "public", redirectUris: ["not a url"] })),
      "InvalidRedirectUriException",
      400,
      "invalid_redirect_uri",
    );
    await expectOidcError(
      oidc.send(new RegisterClientCommand({ clientName: "", clientType: "public" })),
      "InvalidRequestException",
      400,
      "invalid_request",
    );
  });
});

describe("OIDC: device authorization flow", () => {
  async function startDevice(oidc: SSOOIDCClient) {
    const reg = await oidc.send(new RegisterClientCommand({ clientName: "cli", clientType: "public", scopes: ["sso:account:access"] }));
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: START_URL }));
    const poll = () =>
      oidc.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode: device.deviceCode }));
    return { reg, device, poll };
  }

  test("pending until approved, then tokens; the device code is single-use", async (t) => {
    const { emu, oidc, sso } = await setup(t);
    const { device, poll } = await startDevice(oidc);
    assert.match(device.deviceCode ?? "", /^emu-dc-/);
    assert.match(device.userCode ?? "", /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(device.verificationUri, `${emu.url}/device`);
    assert.equal(device.verificationUriComplete, `${emu.url}/device?user_code=${device.userCode}`);
    assert.equal(device.expiresIn, 600);
    assert.equal(device.interval, 1);

    const pending = await expectOidcError(poll(), "AuthorizationPendingException", 400, "authorization_pending");
    assert.ok(pending instanceof AuthorizationPendingException);

    emu.approveDevice(device.userCode ?? "");
    const token = await poll();
    assert.match(token.accessToken ?? "", /^emu-at-/);
    assert.match(token.refreshToken ?? "", /^emu-rt-/);
    assert.equal(token.tokenType, "Bearer");
    assert.equal(token.expiresIn, 3600);
    assert.equal(token.idToken, undefined);
    assert.deepEqual(emu.issuedRefreshTokens, [token.refreshToken]);
    assert.ok((await roleCredentials(sso, token.accessToken)).roleCredentials?.accessKeyId);

    await expectOidcError(poll(), "InvalidGrantException", 400, "invalid_grant");
  });

  test("autoApproveDevices, denial, expiry and slow_down", async (t) => {
    const { emu, oidc, clock } = await setup(t, { autoApproveDevices: true });
    assert.ok((await (await startDevice(oidc)).poll()).accessToken);

    emu.configure({ autoApproveDevices: false, enforceDevicePollInterval: true });
    const denied = await startDevice(oidc);
    emu.denyDevice(denied.device.userCode ?? "");
    assert.ok((await rejection(denied.poll())) instanceof AccessDeniedException);

    const slow = await startDevice(oidc);
    await expectOidcError(slow.poll(), "AuthorizationPendingException", 400, "authorization_pending");
    const slowDown = await expectOidcError(slow.poll(), "SlowDownException", 400, "slow_down");
    assert.ok(slowDown instanceof SlowDownException);
    clock.advanceSeconds(1);
    await expectOidcError(slow.poll(), "AuthorizationPendingException", 400, "authorization_pending");

    clock.advanceSeconds(600);
    const expired = await expectOidcError(slow.poll(), "ExpiredTokenException", 400, "expired_token");
    assert.ok(expired instanceof ExpiredTokenException);
  });
});

describe("OIDC: authorization_code flow with PKCE", () => {
  const redirectUri = "http://127.0.0.1:9/oauth/callback";

  test("a minted code is exchanged once, only with the right verifier and redirect URI", async (t) => {
    const { emu, oidc, sso } = await setup(t);
    const reg = await oidc.send(
      new RegisterClientCommand({
        clientName: "pkce",
        clientType: "public",
        scopes: ["sso:account:access", "openid"],
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: [redirectUri],
        issuerUrl: START_URL,
      }),
    );
    const codeVerifier = randomBytes(32).toString("base64url");
    const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
    const code = emu.mintAuthorizationCode({ clientId: reg.clientId ?? "", redirectUri, codeChallenge });
    const exchange = (verifier: string | undefined, uri = redirectUri) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: "authorization_code",
          code,
          redirectUri: uri,
          codeVerifier: verifier,
        }),
      );

    await expectOidcError(exchange("wrong-verifier"), "InvalidGrantException", 400, "invalid_grant");
    await expectOidcError(exchange(undefined), "InvalidGrantException", 400, "invalid_grant");
    await expectOidcError(exchange(codeVerifier, "http://127.0.0.1:9/other"), "InvalidGrantException", 400, "invalid_grant");
    const token = await exchange(codeVerifier);
    assert.match(token.accessToken ?? "", /^emu-at-/);
    assert.match(token.refreshToken ?? "", /^emu-rt-/);
    assert.equal(token.idToken?.split(".").length, 3, "openid scope → an id token");
    assert.ok((await roleCredentials(sso, token.accessToken, "Administrator")).roleCredentials);
    await expectOidcError(exchange(codeVerifier), "InvalidGrantException", 400, "invalid_grant");

    // This client may not use the device flow, nor can a device-flow client exchange codes.
    const unauthorized = await expectOidcError(
      oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: START_URL })),
      "UnauthorizedClientException",
      400,
      "unauthorized_client",
    );
    assert.ok(unauthorized instanceof UnauthorizedClientException);
  });

  test("a code without a challenge needs no verifier", async (t) => {
    const { emu, oidc } = await setup(t);
    const reg = await oidc.send(
      new RegisterClientCommand({ clientName: "c", clientType: "public", grantTypes: ["authorization_code"], redirectUris: [redirectUri] }),
    );
    const code = emu.mintAuthorizationCode({ clientId: reg.clientId ?? "", redirectUri });
    const token = await oidc.send(
      new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: "authorization_code", code, redirectUri }),
    );
    assert.ok(token.accessToken);
    assert.throws(() => emu.mintAuthorizationCode({ clientId: reg.clientId ?? "", redirectUri: "http://127.0.0.1:9/unregistered" }));
  });
});

describe("OIDC: CreateToken client and request checks", () => {
  test("wrong secret or expired registration → InvalidClientException (401)", async (t) => {
    const { emu, oidc, clock } = await setup(t);
    const session = emu.issueSession({ registrationTtlSeconds: 3600 });
    const wrong = await expectOidcError(
      refresh(oidc, { ...session, clientSecret: "emu-cs-wrong" }, session.refreshToken),
      "InvalidClientException",
      401,
      "invalid_client",
    );
    assert.ok(wrong instanceof InvalidClientException);
    assert.equal(wrong.$fault, "client");
    assert.equal(session.registrationExpiresAt.getTime(), clock.now() + 3600_000);
    clock.advanceSeconds(3600);
    await expectOidcError(refresh(oidc, session, session.refreshToken), "InvalidClientException", 401, "invalid_client");
    assert.equal(emu.issuedRefreshTokens.length, 1, "failed refreshes issue nothing");
  });

  test("grant and parameter errors", async (t) => {
    const { emu, oidc } = await setup(t);
    const session = emu.issueSession();
    const base = { clientId: session.clientId, clientSecret: session.clientSecret };
    const unsupported = await expectOidcError(
      oidc.send(new CreateTokenCommand({ ...base, grantType: "password" })),
      "UnsupportedGrantTypeException",
      400,
      "unsupported_grant_type",
    );
    assert.ok(unsupported instanceof UnsupportedGrantTypeException);
    const missing = await expectOidcError(
      oidc.send(new CreateTokenCommand({ ...base, grantType: "refresh_token" })),
      "InvalidRequestException",
      400,
      "invalid_request",
    );
    assert.ok(missing instanceof OidcInvalidRequestException);
    const scope = await expectOidcError(
      oidc.send(new CreateTokenCommand({ ...base, grantType: "refresh_token", refreshToken: session.refreshToken, scope: ["sso:admin"] })),
      "InvalidScopeException",
      400,
      "invalid_scope",
    );
    assert.ok(scope instanceof InvalidScopeException);
    await expectOidcError(refresh(oidc, session, "emu-rt-unknown"), "InvalidGrantException", 400, "invalid_grant");
    // None of that consumed the refresh token.
    assert.ok((await refresh(oidc, session, session.refreshToken)).refreshToken);
  });

  test("a revoked refresh token → InvalidGrantException", async (t) => {
    const { emu, oidc } = await setup(t);
    const session = emu.issueSession();
    assert.equal(emu.revokeRefreshToken(session.refreshToken), true);
    assert.equal(emu.revokeRefreshToken("emu-rt-never-issued"), false);
    const error = await expectOidcError(refresh(oidc, session, session.refreshToken), "InvalidGrantException", 400, "invalid_grant");
    assert.ok(error instanceof InvalidGrantException);
  });
});

describe("OIDC: refresh token rotation", () => {
  test("rotate (default): each refresh returns a new token; reusing the old one → InvalidGrantException", async (t) => {
    const { emu, oidc } = await setup(t);
    assert.equal(emu.config.rotation, "rotate");
    const session = emu.issueSession();
    const first = await refresh(oidc, session, session.refreshToken);
    assert.match(first.refreshToken ?? "", /^emu-rt-/);
    assert.notEqual(first.refreshToken, session.refreshToken);
    assert.notEqual(first.accessToken, session.accessToken);
    const reuse = await expectOidcError(refresh(oidc, session, session.refreshToken), "InvalidGrantException", 400, "invalid_grant");
    assert.ok(reuse instanceof InvalidGrantException);
    const second = await refresh(oidc, session, first.refreshToken ?? "");
    assert.deepEqual(emu.issuedRefreshTokens, [session.refreshToken, first.refreshToken, second.refreshToken]);
    assert.equal(emu.latestRefreshToken, second.refreshToken);
    // Every access token stays valid until it expires.
    assert.ok(emu.isAccessTokenValid(session.accessToken));
    assert.ok(emu.isAccessTokenValid(first.accessToken ?? ""));
  });

  test("rotate-with-grace: the old token works for rotationGraceSeconds after its first use", async (t) => {
    const { emu, oidc, clock } = await setup(t, { rotation: "rotate-with-grace", rotationGraceSeconds: 10 });
    const session = emu.issueSession();
    const first = await refresh(oidc, session, session.refreshToken);
    clock.advanceSeconds(9);
    const again = await refresh(oidc, session, session.refreshToken);
    assert.ok(again.refreshToken);
    assert.notEqual(again.refreshToken, first.refreshToken, "every use returns a new refresh token");
    clock.advanceSeconds(1);
    await expectOidcError(refresh(oidc, session, session.refreshToken), "InvalidGrantException", 400, "invalid_grant");
    // Both descendants are still live.
    assert.ok(await refresh(oidc, session, first.refreshToken ?? ""));
    assert.ok(await refresh(oidc, session, again.refreshToken ?? ""));
    assert.equal(emu.issuedRefreshTokens.length, 5);
  });

  test("none: no refreshToken in the response and the same token keeps working", async (t) => {
    const { emu, oidc } = await setup(t, { rotation: "none" });
    const session = emu.issueSession();
    for (let i = 0; i < 3; i++) {
      const out = await refresh(oidc, session, session.refreshToken);
      assert.ok(out.accessToken);
      assert.equal("refreshToken" in out, false);
    }
    assert.deepEqual(emu.issuedRefreshTokens, [session.refreshToken]);
  });

  test("the rotation mode can be changed at runtime", async (t) => {
    const { emu, oidc } = await setup(t, { rotation: "none" });
    const session = emu.issueSession();
    assert.equal((await refresh(oidc, session, session.refreshToken)).refreshToken, undefined);
    emu.configure({ rotation: "rotate" });
    const rotated = await refresh(oidc, session, session.refreshToken);
    assert.ok(rotated.refreshToken);
    await expectOidcError(refresh(oidc, session, session.refreshToken), "InvalidGrantException", 400, "invalid_grant");
    assert.throws(() => emu.configure({ rotation: "sometimes" as never }), TypeError);
  });
});

describe("portal", () => {
  test("GetRoleCredentials: expiration in epoch milliseconds, as a number from the SDK", async (t) => {
    const { emu, sso, clock } = await setup(t, { roleCredentialsTtlSeconds: 900 });
    const session = emu.issueSession();
    const { roleCredentials: creds } = await roleCredentials(sso, session.accessToken);
    assert.ok(creds);
    assert.match(creds.accessKeyId ?? "", /^ASIAEMU[A-Z2-7]{13}$/);
    assert.match(creds.secretAccessKey ?? "", /^emu-sak-/);
    assert.match(creds.sessionToken ?? "", /^emu-st-/);
    assert.equal(typeof creds.expiration, "number");
    assert.equal(creds.expiration, clock.now() + 900_000);
    assert.deepEqual(
      emu.issuedRoleCredentials.map((c) => [c.accessKeyId, c.accountId, c.roleName]),
      [[creds.accessKeyId, ACCOUNT, "ReadOnly"]],
    );
  });

  test("401 for an expired, unknown or missing access token", async (t) => {
    const { emu, sso, clock } = await setup(t, { accessTokenTtlSeconds: 60 });
    const session = emu.issueSession();
    assert.equal(session.expiresAt.getTime(), clock.now() + 60_000);
    clock.advanceSeconds(59);
    assert.ok((await roleCredentials(sso, session.accessToken)).roleCredentials);
    clock.advanceSeconds(1);
    const expired = await expectPortalError(roleCredentials(sso, session.accessToken), "UnauthorizedException", 401);
    assert.ok(expired instanceof UnauthorizedException);
    await expectPortalError(roleCredentials(sso, "emu-at-unknown"), "UnauthorizedException", 401);
    await expectPortalError(roleCredentials(sso, undefined), "UnauthorizedException", 401);
    const already = emu.issueSession({ accessTokenExpired: true });
    assert.ok(already.expiresAt.getTime() < clock.now());
    await expectPortalError(roleCredentials(sso, already.accessToken), "UnauthorizedException", 401);
  });

  test("403 for a role not assigned (ForbiddenException is not in the SSO model), 404 for an unknown account, 400 for missing parameters", async (t) => {
    const { emu, sso } = await setup(t);
    const session = emu.issueSession();
    const forbidden = await expectPortalError(roleCredentials(sso, session.accessToken, "PowerUser"), "ForbiddenException", 403);
    assert.equal(forbidden.constructor, SSOServiceException, "unmodelled error → the service's base exception class");
    assert.equal(forbidden.message, "No access");
    const notFound = await expectPortalError(roleCredentials(sso, session.accessToken, "ReadOnly", "999999999999"), "ResourceNotFoundException", 404);
    assert.ok(notFound instanceof ResourceNotFoundException);
    // The SDK does not enforce required members client-side: the server has to.
    const missing = await expectPortalError(
      sso.send(new GetRoleCredentialsCommand({ accessToken: session.accessToken, accountId: ACCOUNT, roleName: undefined as unknown as string })),
      "InvalidRequestException",
      400,
    );
    assert.ok(missing instanceof PortalInvalidRequestException);
    assert.equal(emu.issuedRoleCredentials.length, 0);
  });

  test("ListAccounts and ListAccountRoles paginate with next_token / max_result", async (t) => {
    const accounts = [
      { accountId: "111111111111", accountName: "One", roles: ["A", "B", "C"] },
      { accountId: "222222222222", accountName: "Two", emailAddress: "two@example.com", roles: ["A"] },
      { accountId: "333333333333", accountName: "Three", roles: [] },
    ];
    const { emu, sso } = await setup(t, { accounts });
    const { accessToken } = emu.issueSession();
    const page1 = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 2 }));
    assert.deepEqual(
      page1.accountList?.map((a) => a.accountId),
      ["111111111111", "222222222222"],
    );
    assert.equal(page1.accountList?.[1]?.emailAddress, "two@example.com");
    assert.ok(page1.nextToken);
    const page2 = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 2, nextToken: page1.nextToken }));
    assert.deepEqual(
      page2.accountList?.map((a) => a.accountName),
      ["Three"],
    );
    assert.equal(page2.nextToken, undefined);
    await expectPortalError(sso.send(new ListAccountsCommand({ accessToken, nextToken: "garbage" })), "InvalidRequestException", 400);

    const roles = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: "111111111111", maxResults: 2 }));
    assert.deepEqual(roles.roleList, [
      { roleName: "A", accountId: "111111111111" },
      { roleName: "B", accountId: "111111111111" },
    ]);
    const rest = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: "111111111111", nextToken: roles.nextToken }));
    assert.deepEqual(
      rest.roleList?.map((r) => r.roleName),
      ["C"],
    );
    await expectPortalError(sso.send(new ListAccountRolesCommand({ accessToken, accountId: "444444444444" })), "ResourceNotFoundException", 404);
    await expectPortalError(sso.send(new ListAccountsCommand({ accessToken: "emu-at-nope" })), "UnauthorizedException", 401);
  });

  test("Logout ends the sign-in session: its access and refresh tokens stop working", async (t) => {
    const { emu, sso, oidc } = await setup(t);
    const session = emu.issueSession();
    const other = emu.issueSession();
    const out = await sso.send(new LogoutCommand({ accessToken: session.accessToken }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    await expectPortalError(roleCredentials(sso, session.accessToken), "UnauthorizedException", 401);
    await expectOidcError(refresh(oidc, session, session.refreshToken), "InvalidGrantException", 400, "invalid_grant");
    await expectPortalError(sso.send(new LogoutCommand({ accessToken: session.accessToken })), "UnauthorizedException", 401);
    assert.ok((await roleCredentials(sso, other.accessToken)).roleCredentials, "other sessions are unaffected");
  });
});

describe("fault injection", () => {
  test("failNext(500) fails exactly the next call without consuming the refresh token", async (t) => {
    const { emu, oidc } = await setup(t);
    const session = emu.issueSession();
    emu.failNext("CreateToken", 1, 500);
    const error = await expectOidcError(refresh(oidc, session, session.refreshToken), "InternalServerException", 500, "server_error");
    assert.ok(error instanceof InternalServerException);
    assert.equal(error.$fault, "server");
    assert.equal(error.$metadata?.attempts, 1);
    assert.equal(emu.calls.CreateToken, 1);
    const ok = await refresh(oidc, session, session.refreshToken);
    assert.ok(ok.refreshToken);
    assert.equal(emu.calls.CreateToken, 2);
  });

  test("the SDK's default retry (3 attempts) recovers from one 500", async (t) => {
    const { emu, oidc } = await setup(t, {}, 3);
    const session = emu.issueSession();
    emu.failNext("CreateToken", 1, 500);
    const out = await refresh(oidc, session, session.refreshToken);
    assert.ok(out.refreshToken);
    assert.equal(out.$metadata.attempts, 2);
    assert.equal(emu.calls.CreateToken, 2);
    assert.equal(emu.issuedRefreshTokens.length, 2);
  });

  test("every modelled OIDC exception surfaces as its SDK class with error, error_description and status", async (t) => {
    const { emu, oidc } = await setup(t);
    const session = emu.issueSession();
    const classes: Record<OidcErrorName, new (...args: never[]) => Error> = {
      InvalidGrantException,
      InvalidClientException,
      ExpiredTokenException,
      AuthorizationPendingException,
      SlowDownException,
      AccessDeniedException,
      UnauthorizedClientException,
      UnsupportedGrantTypeException,
      InvalidRequestException: OidcInvalidRequestException,
      InvalidScopeException,
      InvalidClientMetadataException,
      InvalidRedirectUriException,
      InternalServerException,
    };
    for (const [name, { status, error }] of Object.entries(OIDC_ERRORS) as [OidcErrorName, { status: number; error: string }][]) {
      emu.failNext("CreateToken", 1, { status, errorType: name, description: `injected ${name}` });
      const thrown = await expectOidcError(refresh(oidc, session, session.refreshToken), name, status, error);
      assert.ok(thrown instanceof classes[name], name);
      assert.equal(thrown.error_description, `injected ${name}`);
    }
    assert.equal(emu.issuedRefreshTokens.length, 1);
  });

  test("status shortcuts, custom codes and portal faults", async (t) => {
    const { emu, oidc, sso } = await setup(t);
    const session = emu.issueSession();
    emu.failNext("CreateToken", 2, 503);
    for (let i = 0; i < 2; i++) {
      const error = await rejection(refresh(oidc, session, session.refreshToken));
      assert.equal(error.name, "ServiceUnavailableException");
      assert.equal(error.constructor, SSOOIDCServiceException, "unmodelled → base class");
      assert.equal(error.$metadata?.httpStatusCode, 503);
      assert.equal(error.error, "server_error");
    }
    emu.failNext("CreateToken", 1, { status: 400, errorType: "InvalidGrantException", error: "invalid_grant", description: "Refresh token has expired" });
    const custom = await expectOidcError(refresh(oidc, session, session.refreshToken), "InvalidGrantException", 400, "invalid_grant");
    assert.equal(custom.error_description, "Refresh token has expired");

    emu.failNext("GetRoleCredentials", 1, 429);
    const throttled = await expectPortalError(roleCredentials(sso, session.accessToken), "TooManyRequestsException", 429);
    assert.ok(throttled instanceof TooManyRequestsException);
    emu.failNext("GetRoleCredentials", 1, { status: 401, message: "Session token not found or invalid" });
    const unauthorized = await expectPortalError(roleCredentials(sso, session.accessToken), "UnauthorizedException", 401);
    assert.equal(unauthorized.message, "Session token not found or invalid");
    emu.failNext("ListAccounts", 1, 500);
    const server = await rejection(sso.send(new ListAccountsCommand({ accessToken: session.accessToken })));
    assert.equal(server.name, "InternalServerException");
    assert.equal(server.$metadata?.httpStatusCode, 500);
    // Faults were consumed in order; everything works again and nothing was issued by them.
    assert.ok((await refresh(oidc, session, session.refreshToken)).refreshToken);
    assert.ok((await roleCredentials(sso, session.accessToken)).roleCredentials);
    assert.equal(emu.issuedRoleCredentials.length, 1);
    assert.throws(() => emu.failNext("CreateToken", 0, 500), RangeError);
    assert.throws(() => emu.failNext("CreateToken", 1, 200), RangeError);
  });

  test("malformNext: invalid JSON is an SDK error; missing fields and empty bodies are NOT (the caller must validate)", async (t) => {
    const { emu, oidc, sso } = await setup(t);
    const session = emu.issueSession();

    emu.malformNext("CreateToken", 1, "invalid-json");
    const syntax = await rejection(refresh(oidc, session, session.refreshToken));
    assert.equal(syntax.name, "SyntaxError");
    assert.match(syntax.message, /Deserialization error/);
    assert.equal(syntax.$metadata?.httpStatusCode, 200);

    emu.malformNext("CreateToken", 1, "missing-fields");
    const partial = await refresh(oidc, session, session.refreshToken);
    assert.equal(partial.accessToken, undefined);
    assert.equal(partial.expiresIn, undefined);
    assert.equal(partial.tokenType, "Bearer");

    emu.malformNext("CreateToken", 1, "empty");
    const empty = await refresh(oidc, session, session.refreshToken);
    assert.equal(empty.$metadata.httpStatusCode, 200);
    assert.equal(empty.accessToken, undefined);
    assert.equal(empty.refreshToken, undefined);

    emu.malformNext("GetRoleCredentials", 1, "missing-fields");
    const creds = await roleCredentials(sso, session.accessToken);
    assert.equal(creds.roleCredentials?.accessKeyId, undefined);
    emu.malformNext("GetRoleCredentials", 1, "invalid-json");
    assert.equal((await rejection(roleCredentials(sso, session.accessToken))).name, "SyntaxError");
    emu.malformNext("GetRoleCredentials", 1, "empty");
    assert.equal((await roleCredentials(sso, session.accessToken)).roleCredentials, undefined);

    // None of the malformed answers consumed the refresh token.
    assert.deepEqual(emu.issuedRefreshTokens, [session.refreshToken]);
    assert.ok((await refresh(oidc, session, session.refreshToken)).refreshToken);
    assert.equal(emu.calls.CreateToken, 4);
    assert.equal(emu.calls.GetRoleCredentials, 3);
  });

  test("a hung request is bounded by the client's requestHandler timeout", async (t) => {
    const { emu } = await setup(t);
    const session = emu.issueSession();
    // requestTimeout only warns unless throwOnRequestTimeout is set; socketTimeout always throws.
    for (const requestHandler of [{ requestTimeout: 200, throwOnRequestTimeout: true }, { socketTimeout: 200 }]) {
      const client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1, requestHandler });
      t.after(() => client.destroy());
      emu.malformNext("CreateToken", 1, "hang");
      const error = await rejection(refresh(client, session, session.refreshToken));
      assert.equal(error.name, "TimeoutError", JSON.stringify(requestHandler));
    }
    assert.deepEqual(emu.issuedRefreshTokens, [session.refreshToken]);
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1 });
    t.after(() => client.destroy());
    assert.ok((await refresh(client, session, session.refreshToken)).refreshToken, "the hung calls rotated nothing");
  });

  test("stop() promptly closes hung connections", async (t) => {
    const { emu, sso } = await setup(t);
    const session = emu.issueSession();
    emu.malformNext("GetRoleCredentials", 1, "hang");
    const pending = rejection(roleCredentials(sso, session.accessToken));
    await emu.waitUntil(() => emu.calls.GetRoleCredentials === 1);
    await emu.stop();
    const error = await pending;
    // node-http-handler reports ECONNRESET (and EPIPE) under the name TimeoutError.
    assert.equal(error.name, "TimeoutError");
    assert.equal((error as SdkError & { code?: string }).code, "ECONNRESET");
  });
});

describe("latency and aborted requests", () => {
  test("a request aborted during the latency is dropped: nothing issued, the refresh token not rotated", async (t) => {
    const { emu, oidc } = await setup(t);
    const session = emu.issueSession();
    emu.configure({ latencyMs: { CreateToken: 60_000 } });
    const controller = new AbortController();
    const pending = rejection(refresh(oidc, session, session.refreshToken, { abortSignal: controller.signal }));
    await emu.waitUntil(() => emu.calls.CreateToken === 1);
    controller.abort();
    assert.equal((await pending).name, "AbortError");
    await emu.waitUntil(() => emu.aborted.CreateToken === 1);
    assert.deepEqual(emu.issuedRefreshTokens, [session.refreshToken]);
    emu.configure({ latencyMs: 0 });
    const out = await refresh(oidc, session, session.refreshToken);
    assert.ok(out.refreshToken, "the original refresh token is still the live one");
    assert.equal(emu.calls.CreateToken, 2);
    assert.equal(emu.aborted.CreateToken, 1);
  });

  test("per-operation latency delays only that operation; injected faults wait for the latency", async (t) => {
    const { emu, oidc, sso } = await setup(t, { latencyMs: { GetRoleCredentials: 60_000 } });
    const session = emu.issueSession();
    emu.failNext("GetRoleCredentials", 1, 500);
    const controller = new AbortController();
    const slow = rejection(sso.send(new GetRoleCredentialsCommand({ accessToken: session.accessToken, accountId: ACCOUNT, roleName: "ReadOnly" }), { abortSignal: controller.signal }));
    await emu.waitUntil(() => emu.calls.GetRoleCredentials === 1);
    assert.ok((await refresh(oidc, session, session.refreshToken)).refreshToken, "CreateToken is not delayed");
    controller.abort();
    await slow;
    await emu.waitUntil(() => emu.aborted.GetRoleCredentials === 1);
    emu.configure({ latencyMs: 0 });
    // The fault waited out the aborted call; InternalServerException is not in the SSO model (base class).
    await expectPortalError(roleCredentials(sso, session.accessToken), "InternalServerException", 500);
    assert.equal(emu.calls.GetRoleCredentials, 2);
    assert.ok((await roleCredentials(sso, session.accessToken)).roleCredentials, "the single fault was used once");
    assert.equal(emu.issuedRoleCredentials.length, 1);
  });

  test("a client process SIGKILLed mid-request loses nothing: the refresh token is not rotated", async (t) => {
    const { emu, oidc } = await setup(t, { latencyMs: { CreateToken: 60_000 } });
    const session = emu.issueSession();
    const { child, done } = spawnEnvClient(emu.url, {
      clientId: session.clientId,
      clientSecret: session.clientSecret,
      refreshToken: session.refreshToken,
      accountId: ACCOUNT,
      roleName: "ReadOnly",
    });
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    await emu.waitUntil(() => emu.calls.CreateToken === 1, 30_000);
    child.kill("SIGKILL");
    assert.equal((await done).signal, "SIGKILL");
    await emu.waitUntil(() => emu.aborted.CreateToken === 1);
    assert.deepEqual(emu.issuedRefreshTokens, [session.refreshToken]);
    emu.configure({ latencyMs: 0 });
    assert.ok((await refresh(oidc, session, session.refreshToken)).refreshToken);
  });
});

describe("call counting", () => {
  test("counts every request that reached the handler, failed ones included; resetCalls zeroes them", async (t) => {
    const { emu, oidc, sso } = await setup(t);
    const session = emu.issueSession();
    await oidc.send(new RegisterClientCommand({ clientName: "c", clientType: "public" }));
    await refresh(oidc, session, session.refreshToken);
    await rejection(refresh(oidc, session, session.refreshToken)); // reuse → InvalidGrant
    emu.failNext("CreateToken", 1, 500);
    await rejection(refresh(oidc, session, "whatever"));
    await roleCredentials(sso, session.accessToken);
    await rejection(roleCredentials(sso, session.accessToken, "Nope"));
    await sso.send(new ListAccountsCommand({ accessToken: session.accessToken }));
    await sso.send(new ListAccountRolesCommand({ accessToken: session.accessToken, accountId: ACCOUNT }));
    await sso.send(new LogoutCommand({ accessToken: session.accessToken }));
    assert.deepEqual(
      { ...emu.calls },
      {
        RegisterClient: 1,
        StartDeviceAuthorization: 0,
        CreateToken: 3,
        GetRoleCredentials: 2,
        ListAccounts: 1,
        ListAccountRoles: 1,
        Logout: 1,
        AssumeRole: 0,
        GetCallerIdentity: 0,
        Authorize: 0,
        DeviceVerification: 0,
      },
    );
    emu.resetCalls();
    assert.ok(Object.values(emu.calls).every((n) => n === 0));
    assert.ok(Object.values(emu.aborted).every((n) => n === 0));
  });
});

describe("independence and environment", () => {
  test("two emulators in one process share nothing", async (t) => {
    const a = await setup(t);
    const b = await setup(t, { rotation: "none" });
    assert.notEqual(a.emu.url, b.emu.url);
    const sessionA = a.emu.issueSession();
    await expectOidcError(refresh(b.oidc, sessionA, sessionA.refreshToken), "InvalidClientException", 401, "invalid_client");
    await expectPortalError(roleCredentials(b.sso, sessionA.accessToken), "UnauthorizedException", 401);
    a.emu.failNext("CreateToken", 1, 500);
    const sessionB = b.emu.issueSession();
    assert.equal((await refresh(b.oidc, sessionB, sessionB.refreshToken)).refreshToken, undefined, "b's rotation mode, not a's fault");
    await rejection(refresh(a.oidc, sessionA, sessionA.refreshToken));
    assert.equal(a.emu.calls.CreateToken, 1);
    assert.equal(b.emu.calls.CreateToken, 2);
    assert.equal(a.emu.config.rotation, "rotate");
    assert.deepEqual(a.emu.issuedRefreshTokens, [sessionA.refreshToken]);
    assert.deepEqual(b.emu.issuedRefreshTokens, [sessionB.refreshToken]);
  });

  test("a child process reaches the emulator through AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO alone", async (t) => {
    const { emu } = await setup(t);
    const session = emu.issueSession();
    const { done } = spawnEnvClient(emu.url, {
      clientId: session.clientId,
      clientSecret: session.clientSecret,
      refreshToken: session.refreshToken,
      accountId: ACCOUNT,
      roleName: "Administrator",
    });
    const result = await done;
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const out = JSON.parse(result.stdout.trim()) as { accessToken: string; refreshToken: string; accessKeyId: string; expiration: number };
    assert.match(out.accessKeyId, /^ASIAEMU/);
    assert.equal(out.refreshToken, emu.latestRefreshToken);
    assert.equal(emu.calls.CreateToken, 1);
    assert.equal(emu.calls.GetRoleCredentials, 1);
    assert.equal(emu.issuedRoleCredentials[0]?.roleName, "Administrator");
  });
});

describe("standalone server", () => {
  test("runs as a child process with the control API", async (t) => {
    const standalone = await startStandaloneEmulator(["--rotation", "none", "--access-token-ttl", "120", "--role-credentials-ttl", "900"]);
    t.after(() => standalone.stop());
    assert.match(standalone.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const { control } = standalone;
    const oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: standalone.url, maxAttempts: 1 });
    const sso = new SSOClient({ region: "us-east-1", endpoint: standalone.url, maxAttempts: 1 });
    t.after(() => {
      oidc.destroy();
      sso.destroy();
    });

    const session = await control.issueSession({ startUrl: START_URL });
    assert.ok(session.expiresAt instanceof Date);
    assert.ok(session.registrationExpiresAt instanceof Date);
    assert.equal(session.startUrl, START_URL);
    const refreshed = await refresh(oidc, session, session.refreshToken);
    assert.equal(refreshed.refreshToken, undefined, "--rotation none");
    assert.equal(refreshed.expiresIn, 120);
    const creds = await roleCredentials(sso, refreshed.accessToken);
    // Issued after the session (whose token expires 120 s after its issue), with a 900 s lifetime.
    assert.ok((creds.roleCredentials?.expiration ?? 0) >= session.expiresAt.getTime() - 120_000 + 900_000);

    await control.failNext("CreateToken", 1, 503);
    assert.equal((await rejection(refresh(oidc, session, session.refreshToken))).$metadata?.httpStatusCode, 503);
    await control.malformNext("GetRoleCredentials", 1, "invalid-json");
    assert.equal((await rejection(roleCredentials(sso, refreshed.accessToken))).name, "SyntaxError");
    const report = await control.calls();
    assert.equal(report.calls.CreateToken, 2);
    assert.equal(report.calls.GetRoleCredentials, 2);
    assert.equal(report.aborted.CreateToken, 0);

    const config = await control.configure({ rotation: "rotate", latencyMs: 0 });
    assert.equal(config.rotation, "rotate");
    assert.equal(config.accessTokenTtlSeconds, 120);
    const rotated = await refresh(oidc, session, session.refreshToken);
    const tokens = await control.refreshTokens();
    assert.deepEqual(tokens.issued, [session.refreshToken, rotated.refreshToken]);
    assert.equal(tokens.latest, rotated.refreshToken);

    await control.advanceClock(121_000);
    await expectPortalError(roleCredentials(sso, rotated.accessToken), "UnauthorizedException", 401);
    await control.resetCalls();
    assert.equal((await control.calls()).calls.GetRoleCredentials, 0);
    await assert.rejects(control.configure({ rotation: "bogus" as never }), /400/);
    const unknown = await fetch(`${standalone.url}/__emulator/nope`);
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();

    assert.equal(await standalone.stop(), 0, "exits cleanly on SIGTERM");
  });

  test("EmulatorControl refuses anything but 127.0.0.1", async () => {
    const { EmulatorControl } = await import("./emulator/EmulatorControl.js");
    assert.throws(() => new EmulatorControl("http://example.com:80"));
    assert.throws(() => new EmulatorControl("http://localhost:1234"));
    assert.equal(new EmulatorControl("http://127.0.0.1:1234/").baseUrl, "http://127.0.0.1:1234");
  });
});
