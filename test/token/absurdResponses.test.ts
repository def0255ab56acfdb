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
import { refreshAccessToken } from "../../src/token/refreshAccessToken.js";

// Well-formed JSON with numbers no service would send: they must be typed errors, not a RangeError
// from an invalid Date further on. A loopback server of our own sends them (the emulator only
// sends sensible numbers).
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

const TOKEN = CachedSsoToken.parse(
  JSON.stringify({ accessToken: "at", expiresAt: "2020-01-01T00:00:00Z", clientId: "c", clientSecret: "s", refreshToken: "r" }),
  "/cache/x.json",
  { ssoSession: "s" },
);

test("a CreateToken expiresIn too large for a date is a MalformedResponse TokenRefreshFailedError", async () => {
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint });
  for (const expiresIn of ["1e400", "1e20"]) {
    body = `{"accessToken":"new","tokenType":"Bearer","expiresIn":${expiresIn}}`;
    await assert.rejects(
      refreshAccessToken(client, TOKEN, "/cache/x.json", { ssoSession: "s" }, 5000),
      (error: unknown) => error instanceof TokenRefreshFailedError && error.serviceCode === "MalformedResponse",
      expiresIn,
    );
  }
  client.destroy();
});

test("a role credentials expiration too large for a date is a MalformedResponse RoleCredentialsFailedError", async () => {
  const client = new SSOClient({ region: "us-east-1", endpoint });
  body = '{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"b","sessionToken":"c","expiration":1e17}}';
  await assert.rejects(
    fetchRoleCredentials(client, { accountId: "1", roleName: "R", accessToken: "t", target: {}, source: "test", timeoutMs: 5000 }),
    (error: unknown) => error instanceof RoleCredentialsFailedError && error.serviceCode === "MalformedResponse",
  );
  client.destroy();
});
