// SSO OIDC and portal error shapes, checked against the Smithy models (sso-oidc.json, sso.json)
// through the REAL SDK clients. See test/emulator/README.md for the model versions.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AccessDeniedException,
  CreateTokenCommand,
  InvalidRequestException,
  RegisterClientCommand,
  SlowDownException,
  SSOOIDCServiceException,
  UnsupportedGrantTypeException,
} from "@aws-sdk/client-sso-oidc";
import { GetRoleCredentialsCommand, TooManyRequestsException } from "@aws-sdk/client-sso";
import { OIDC_ERRORS, type OidcErrorName } from "./EmulatorHttpError.js";
import { expectOidcError, expectPortalError, rejection } from "./testSupport/sdkErrorAssertions.js";
import { startEmulatorWorld } from "./testSupport/startEmulatorWorld.js";

const ACCOUNT = "111122223333";

describe("OIDC error shapes (sso-oidc.json)", () => {
  test("an errorType alone gets the model's status and OAuth code", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const session = emu.issueSession();
    for (const [name, { status, error }] of Object.entries(OIDC_ERRORS) as [OidcErrorName, { status: number; error: string }][]) {
      emu.failNext("CreateToken", 1, { errorType: name });
      await expectOidcError(
        oidc.send(new CreateTokenCommand({ clientId: session.clientId, clientSecret: session.clientSecret, grantType: "refresh_token", refreshToken: session.refreshToken })),
        name,
        status,
        error,
      );
    }
    assert.throws(() => emu.failNext("CreateToken", 1, { errorType: "NoSuchException" }), /status is required/);
  });

  test("AccessDeniedException and InvalidRequestException carry the model's KMS reason", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const session = emu.issueSession();
    const refresh = () =>
      oidc.send(new CreateTokenCommand({ clientId: session.clientId, clientSecret: session.clientSecret, grantType: "refresh_token", refreshToken: session.refreshToken }));
    emu.failNext("CreateToken", 1, { errorType: "AccessDeniedException", reason: "KMS_AccessDeniedException", description: "KMS key access denied" });
    const denied = await expectOidcError(refresh(), "AccessDeniedException", 400, "access_denied");
    assert.ok(denied instanceof AccessDeniedException);
    assert.equal(denied.reason, "KMS_AccessDeniedException");

    emu.failNext("CreateToken", 1, { errorType: "InvalidRequestException", reason: "KMS_DisabledException" });
    const invalid = await expectOidcError(refresh(), "InvalidRequestException", 400, "invalid_request");
    assert.ok(invalid instanceof InvalidRequestException);
    assert.equal(invalid.reason, "KMS_DisabledException");

    // Only where the model has the member, and only the model's values.
    assert.throws(() => emu.failNext("CreateToken", 1, { errorType: "SlowDownException", reason: "KMS_AccessDeniedException" }), RangeError);
    assert.throws(() => emu.failNext("CreateToken", 1, { errorType: "AccessDeniedException", reason: "Because" }), RangeError);
    assert.ok((await refresh()).accessToken, "none of that consumed the refresh token");
  });

  test("throttling is SlowDownException (400, slow_down), which the SDK does not retry", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t, {}, 3);
    const session = emu.issueSession();
    emu.throttleNext("CreateToken");
    const slow = await expectOidcError(
      oidc.send(new CreateTokenCommand({ clientId: session.clientId, clientSecret: session.clientSecret, grantType: "refresh_token", refreshToken: session.refreshToken })),
      "SlowDownException",
      400,
      "slow_down",
    );
    assert.ok(slow instanceof SlowDownException);
    assert.equal(slow.$metadata?.attempts, 1);
    assert.equal(emu.calls.CreateToken, 1);
    emu.throttleNext("RegisterClient");
    await expectOidcError(oidc.send(new RegisterClientCommand({ clientName: "c", clientType: "public" })), "SlowDownException", 400, "slow_down");
  });

  test("a status without a modelled name surfaces as the base exception", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    emu.failNext("RegisterClient", 1, 403);
    const error = await rejection(oidc.send(new RegisterClientCommand({ clientName: "c", clientType: "public" })));
    assert.equal(error.name, "ForbiddenException");
    assert.equal(error.constructor, SSOOIDCServiceException);
    assert.equal(error.$metadata?.httpStatusCode, 403);
  });

  test("RegisterClient with an unknown grant type → UnsupportedGrantTypeException (listed for RegisterClient in the model)", async (t) => {
    const { oidc } = await startEmulatorWorld(t);
    const error = await expectOidcError(
      oidc.send(new RegisterClientCommand({ clientName: "c", clientType: "public", grantTypes: ["password"] })),
      "UnsupportedGrantTypeException",
      400,
      "unsupported_grant_type",
    );
    assert.ok(error instanceof UnsupportedGrantTypeException);
  });
});

describe("portal throttling (sso.json)", () => {
  test("TooManyRequestsException (429), which the SDK retries", async (t) => {
    const { emu, sso } = await startEmulatorWorld(t, {}, 3);
    const { accessToken } = emu.issueSession();
    emu.throttleNext("GetRoleCredentials", 1);
    const out = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: ACCOUNT, roleName: "ReadOnly" }));
    assert.equal(out.$metadata.attempts, 2);
    emu.throttleNext("GetRoleCredentials", 3);
    const error = await expectPortalError(sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: ACCOUNT, roleName: "ReadOnly" })), "TooManyRequestsException", 429);
    assert.ok(error instanceof TooManyRequestsException);
    assert.equal(emu.calls.GetRoleCredentials, 5);
  });
});
