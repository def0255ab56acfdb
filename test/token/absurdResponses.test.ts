import { SSOClient } from "@aws-sdk/client-sso";
import { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";

import { RoleCredentialsFailedError } from "../../src/errors/RoleCredentialsFailedError.js";
import { TokenRefreshFailedError } from "../../src/errors/TokenRefreshFailedError.js";
import { fetchRoleCredentials } from "../../src/role-credentials/fetchRoleCredentials.js";
import { CachedSsoToken } from "../../src/token/CachedSsoToken.js";
import { MAX_TOKEN_LIFETIME_SECONDS, UNKNOWN_TOKEN_LIFETIME_SECONDS } from "../../src/token/clampTokenLifetime.js";
import { refreshAccessToken } from "../../src/token/refreshAccessToken.js";
import { systemClock } from "../../src/clock/systemClock.js";

// Well-formed JSON with numbers no service would send. A token lifetime out of range is clamped (the
// service has issued the token, and rotated the refresh token: it must be kept); a role credential
// expiration no Date can hold is a typed error, not a RangeError. A loopback server of our own sends
// them (the emulator only sends sensible numbers).
let body = "";
let server: Server;
let endpoint: string;
before(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const TOKEN = CachedSsoToken.fromJson(
  { accessToken: "at", expiresAt: "2020-01-01T00:00:00Z", clientId: "c", clientSecret: "s", refreshToken: "r" },
  "/cache/x.json",
  { ssoSession: "s" },
);

test("a CreateToken expiresIn no service would send is clamped, never a reason to drop the issued token", async () => {
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint });
  const cases: [string, number][] = [
    ["1e400", MAX_TOKEN_LIFETIME_SECONDS],
    ["1e20", MAX_TOKEN_LIFETIME_SECONDS],
    ["1e12", MAX_TOKEN_LIFETIME_SECONDS],
    ["0", UNKNOWN_TOKEN_LIFETIME_SECONDS],
    ["-5", UNKNOWN_TOKEN_LIFETIME_SECONDS],
  ];
  for (const [expiresIn, seconds] of cases) {
    body = `{"accessToken":"new","tokenType":"Bearer","expiresIn":${expiresIn},"refreshToken":"rotated"}`;
    const outcome = await refreshAccessToken({ client, token: TOKEN, path: "/cache/x.json", target: { ssoSession: "s" }, timeoutMs: 5000, clock: systemClock });
    assert.equal(outcome.error, undefined, expiresIn);
    assert.deepEqual(
      { ...outcome.fields, clampedFrom: undefined },
      { accessToken: "new", expiresInSeconds: seconds, refreshToken: "rotated", clampedFrom: undefined },
      expiresIn,
    );
    assert.notEqual(outcome.fields.clampedFrom, undefined, expiresIn);
    // The token it makes has a valid date.
    assert.ok(Number.isFinite(TOKEN.withRefresh(outcome.fields, Date.now()).expiresAt.getTime()));
  }
  client.destroy();
});

test("a CreateToken answer with a rotated refresh token but no access token keeps the refresh token, and says it was malformed", async () => {
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint });
  body = `{"tokenType":"Bearer","expiresIn":3600,"refreshToken":"rotated"}`;
  const outcome = await refreshAccessToken({ client, token: TOKEN, path: "/cache/x.json", target: { ssoSession: "s" }, timeoutMs: 5000, clock: systemClock });
  assert.ok(outcome.error instanceof TokenRefreshFailedError);
  assert.equal(outcome.error.serviceCode, "MalformedResponse");
  const kept = TOKEN.withRefresh(outcome.fields, Date.now());
  assert.equal(kept.refreshToken, "rotated");
  assert.equal(kept.accessToken, TOKEN.accessToken);
  assert.equal(kept.expiresAt.getTime(), TOKEN.expiresAt.getTime());
  body = `{"tokenType":"Bearer","expiresIn":3600}`;
  await assert.rejects(
    refreshAccessToken({ client, token: TOKEN, path: "/cache/x.json", target: { ssoSession: "s" }, timeoutMs: 5000, clock: systemClock }),
    (error: unknown) => error instanceof TokenRefreshFailedError && error.serviceCode === "MalformedResponse",
  );
  client.destroy();
});

test("a role credentials expiration too large for a date is a MalformedResponse RoleCredentialsFailedError", async () => {
  const client = new SSOClient({ region: "us-east-1", endpoint });
  body = '{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"b","sessionToken":"c","expiration":1e17}}';
  await assert.rejects(
    fetchRoleCredentials(client, { accountId: "1", roleName: "R", accessToken: "t", target: {}, source: "test", timeoutMs: 5000, clock: systemClock }),
    (error: unknown) => error instanceof RoleCredentialsFailedError && error.serviceCode === "MalformedResponse",
  );
  client.destroy();
});
