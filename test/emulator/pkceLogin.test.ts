// The authorization-code (PKCE) login as the AWS CLI v2 does it, against the emulator's
// RegisterClient, browser-facing GET /authorize and CreateToken, with the REAL SDK clients.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { CreateTokenCommand, InvalidGrantException, RegisterClientCommand, type SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { GetRoleCredentialsCommand } from "@aws-sdk/client-sso";
import type { IdentityCenterEmulator } from "./IdentityCenterEmulator.js";
import { redirectUriMatches } from "./redirectUriMatches.js";
import { expectOidcError } from "./testSupport/sdkErrorAssertions.js";
import { startCallbackServer } from "./testSupport/startCallbackServer.js";
import { startEmulatorWorld } from "./testSupport/startEmulatorWorld.js";
import { visitLikeABrowser } from "./visitLikeABrowser.js";

const START_URL = "https://example.awsapps.com/start";
const SCOPES = ["sso:account:access"];
/** What the AWS CLI v2 registers: a loopback redirect URI WITHOUT a port. */
const CLI_REDIRECT = "http://127.0.0.1/oauth/callback";

/** RegisterClient as the AWS CLI v2 sends it for the PKCE login. */
function registerLikeCli(oidc: SSOOIDCClient) {
  return oidc.send(
    new RegisterClientCommand({
      clientName: "botocore-client-my-sso",
      clientType: "public",
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: [CLI_REDIRECT],
      issuerUrl: START_URL,
      scopes: SCOPES,
    }),
  );
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(emu: IdentityCenterEmulator, params: Record<string, string>): string {
  const url = new URL("/authorize", emu.url);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

describe("PKCE login: RegisterClient + GET /authorize + CreateToken(authorization_code)", () => {
  test("the browser is signed in, approves, and comes back to the loopback callback with code and state", async (t) => {
    const { emu, oidc, sso } = await startEmulatorWorld(t);
    const callback = await startCallbackServer(t);
    const reg = await registerLikeCli(oidc);
    assert.equal(reg.authorizationEndpoint, `${emu.url}/authorize`);
    assert.equal(emu.calls.RegisterClient, 1);

    const { verifier, challenge } = pkcePair();
    const state = randomBytes(16).toString("hex");
    const url = authorizeUrl(emu, {
      response_type: "code",
      client_id: reg.clientId ?? "",
      redirect_uri: callback.redirectUri,
      state,
      code_challenge_method: "S256",
      scopes: SCOPES.join(" "),
      code_challenge: challenge,
    });
    const hops = await visitLikeABrowser(url);
    assert.deepEqual(
      hops.map((hop) => hop.status),
      [302, 200],
    );
    assert.match(hops[0]?.body ?? "", /<a href="http:\/\/127\.0\.0\.1:/, "a 302 with a followable HTML body too");
    assert.equal(callback.received.length, 1);
    const back = callback.received[0];
    assert.equal(back?.get("state"), state);
    const code = back?.get("code") ?? "";
    assert.match(code, /^emu-code-/);

    assert.equal(emu.calls.Authorize, 1);
    const seen = emu.lastAuthorizeRequest;
    assert.equal(seen?.outcome, "approved");
    assert.deepEqual(seen?.params, {
      response_type: "code",
      client_id: reg.clientId,
      redirect_uri: callback.redirectUri,
      state,
      code_challenge_method: "S256",
      scopes: "sso:account:access",
      code_challenge: challenge,
    });
    assert.equal(seen?.redirectedTo, hops[0]?.location);

    const exchange = (overrides: { redirectUri?: string; codeVerifier?: string } = {}) =>
      oidc.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: "authorization_code",
          code,
          redirectUri: overrides.redirectUri ?? callback.redirectUri,
          codeVerifier: overrides.codeVerifier ?? verifier,
        }),
      );
    // The exact redirect URI of /authorize is required at CreateToken, port included.
    await expectOidcError(exchange({ redirectUri: CLI_REDIRECT }), "InvalidGrantException", 400, "invalid_grant");
    await expectOidcError(exchange({ redirectUri: `http://127.0.0.1:${callback.port + 1}/oauth/callback` }), "InvalidGrantException", 400, "invalid_grant");
    await expectOidcError(exchange({ codeVerifier: pkcePair().verifier }), "InvalidGrantException", 400, "invalid_grant");
    await expectOidcError(exchange({ codeVerifier: "short" }), "InvalidGrantException", 400, "invalid_grant");
    const token = await exchange();
    assert.match(token.accessToken ?? "", /^emu-at-/);
    assert.match(token.refreshToken ?? "", /^emu-rt-/);
    const creds = await sso.send(new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: "111122223333", roleName: "ReadOnly" }));
    assert.ok(creds.roleCredentials?.accessKeyId);
    const reused = await expectOidcError(exchange(), "InvalidGrantException", 400, "invalid_grant");
    assert.ok(reused instanceof InvalidGrantException, "the code is single use");
  });

  test("a code expires after authorizationCodeTtlSeconds", async (t) => {
    const { emu, oidc, clock } = await startEmulatorWorld(t, { authorizationCodeTtlSeconds: 60 });
    const callback = await startCallbackServer(t);
    const reg = await registerLikeCli(oidc);
    const { verifier, challenge } = pkcePair();
    await visitLikeABrowser(
      authorizeUrl(emu, { response_type: "code", client_id: reg.clientId ?? "", redirect_uri: callback.redirectUri, code_challenge_method: "S256", code_challenge: challenge }),
    );
    const code = callback.received[0]?.get("code") ?? "";
    assert.equal(callback.received[0]?.has("state"), false, "no state in, no state out");
    clock.advanceSeconds(60);
    await expectOidcError(
      oidc.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: "authorization_code",
          code,
          redirectUri: callback.redirectUri,
          codeVerifier: verifier,
        }),
      ),
      "InvalidGrantException",
      400,
      "invalid_grant",
    );
  });

  test("the user's refusal: authorizeOutcome deny, or denyNextAuthorize once", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t, { authorizeOutcome: "deny" });
    const callback = await startCallbackServer(t);
    const reg = await registerLikeCli(oidc);
    const url = authorizeUrl(emu, {
      response_type: "code",
      client_id: reg.clientId ?? "",
      redirect_uri: callback.redirectUri,
      state: "s1",
      code_challenge_method: "S256",
      scopes: "sso:account:access",
      code_challenge: pkcePair().challenge,
    });
    await visitLikeABrowser(url);
    assert.equal(callback.received[0]?.get("error"), "access_denied");
    assert.equal(callback.received[0]?.get("state"), "s1");
    assert.equal(callback.received[0]?.has("code"), false);
    assert.equal(emu.lastAuthorizeRequest?.outcome, "denied");

    emu.configure({ authorizeOutcome: "approve" });
    emu.denyNextAuthorize();
    await visitLikeABrowser(url);
    await visitLikeABrowser(url);
    assert.deepEqual(
      callback.received.map((query) => query.get("error") ?? (query.has("code") ? "code" : "?")),
      ["access_denied", "access_denied", "code"],
    );
    assert.deepEqual(
      emu.authorizeRequests.map((request) => request.outcome),
      ["denied", "denied", "approved"],
    );
    assert.equal(emu.calls.Authorize, 3);
    assert.throws(() => emu.configure({ authorizeOutcome: "maybe" as never }), TypeError);
  });

  test("an unknown client or redirect URI gets an error page, never a redirect", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const callback = await startCallbackServer(t);
    const reg = await registerLikeCli(oidc);
    const base = { response_type: "code", client_id: reg.clientId ?? "", redirect_uri: callback.redirectUri, code_challenge_method: "S256", code_challenge: pkcePair().challenge };
    for (const params of [
      { ...base, client_id: "emu-ci-unknown" },
      { ...base, redirect_uri: `http://127.0.0.1:${callback.port}/elsewhere` },
      { ...base, redirect_uri: `http://localhost:${callback.port}/oauth/callback` },
      { ...base, redirect_uri: "https://attacker.example/oauth/callback" },
      { ...base, redirect_uri: "" },
    ]) {
      const hops = await visitLikeABrowser(authorizeUrl(emu, params));
      assert.equal(hops.length, 1, JSON.stringify(params));
      assert.equal(hops[0]?.status, 400);
      assert.equal(hops[0]?.location, undefined);
      assert.match(hops[0]?.body ?? "", /<h1>Authorization failed<\/h1>/);
    }
    assert.equal(callback.received.length, 0);
    assert.deepEqual(
      emu.authorizeRequests.map((request) => [request.outcome, request.error]),
      [
        ["rejected", "invalid_client"],
        ["rejected", "invalid_request"],
        ["rejected", "invalid_request"],
        ["rejected", "invalid_request"],
        ["rejected", "invalid_request"],
      ],
    );
  });

  test("other bad requests go back to the client as OAuth errors", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const callback = await startCallbackServer(t);
    const reg = await registerLikeCli(oidc);
    const refreshOnly = await oidc.send(
      new RegisterClientCommand({ clientName: "r", clientType: "public", grantTypes: ["refresh_token"], redirectUris: [CLI_REDIRECT], scopes: SCOPES }),
    );
    const base = { response_type: "code", client_id: reg.clientId ?? "", redirect_uri: callback.redirectUri, state: "st", code_challenge_method: "S256", code_challenge: pkcePair().challenge };
    const cases: [Record<string, string>, string][] = [
      [{ ...base, response_type: "token" }, "unsupported_response_type"],
      [{ ...base, code_challenge_method: "plain" }, "invalid_request"],
      [{ ...base, code_challenge: "too-short" }, "invalid_request"],
      [{ ...base, scopes: "sso:account:access codewhisperer:completions" }, "invalid_scope"],
      [{ ...base, client_id: refreshOnly.clientId ?? "" }, "unauthorized_client"],
    ];
    for (const [params, error] of cases) {
      const before = callback.received.length;
      await visitLikeABrowser(authorizeUrl(emu, params));
      const back = callback.received[before];
      assert.equal(back?.get("error"), error, JSON.stringify(params));
      assert.equal(back?.get("state"), "st");
      assert.equal(back?.has("code"), false);
    }
  });
});

describe("loopback redirect URIs (RFC 8252 §7.3)", () => {
  test("any port matches a loopback IP registration; everything else is an exact match", () => {
    assert.ok(redirectUriMatches(CLI_REDIRECT, "http://127.0.0.1:54321/oauth/callback"));
    assert.ok(redirectUriMatches(CLI_REDIRECT, CLI_REDIRECT));
    assert.ok(redirectUriMatches("http://127.0.0.1:1/oauth/callback", "http://127.0.0.1:2/oauth/callback"));
    assert.ok(redirectUriMatches("http://[::1]/cb", "http://[::1]:8080/cb"));
    assert.equal(redirectUriMatches(CLI_REDIRECT, "http://127.0.0.1:54321/oauth/other"), false);
    assert.equal(redirectUriMatches(CLI_REDIRECT, "http://127.0.0.2:54321/oauth/callback"), false);
    assert.equal(redirectUriMatches(CLI_REDIRECT, "https://127.0.0.1:54321/oauth/callback"), false);
    assert.equal(redirectUriMatches(CLI_REDIRECT, "http://127.0.0.1:5/oauth/callback?x=1"), false);
    assert.equal(redirectUriMatches("http://localhost/cb", "http://localhost:8080/cb"), false, "localhost is not a loopback IP literal");
    assert.equal(redirectUriMatches("https://app.example/cb", "https://app.example:444/cb"), false);
  });

  test("mintAuthorizationCode accepts a port-less loopback registration", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const reg = await registerLikeCli(oidc);
    assert.match(emu.mintAuthorizationCode({ clientId: reg.clientId ?? "", redirectUri: "http://127.0.0.1:40000/oauth/callback" }), /^emu-code-/);
    assert.throws(() => emu.mintAuthorizationCode({ clientId: reg.clientId ?? "", redirectUri: "http://127.0.0.1:40000/nope" }));
  });
});
