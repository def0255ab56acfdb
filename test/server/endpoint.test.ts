// The credentials endpoint's protocol and its refusals, over real HTTP against the emulator.
import assert from "node:assert/strict";
import { connect } from "node:net";
import type { networkInterfaces } from "node:os";
import { test } from "node:test";
import { inspect } from "node:util";

import { EndpointListenError } from "../../src/errors/EndpointListenError.js";
import { SsoConfigError } from "../../src/errors/SsoConfigError.js";
import { allowedHostHeaders } from "../../src/server/allowedHostHeaders.js";
import { AuthorizationToken } from "../../src/server/AuthorizationToken.js";
import { CredentialsEndpoint } from "../../src/server/CredentialsEndpoint.js";
import { profilePath } from "../../src/server/profilePath.js";
import { ACCOUNT_ID, ROLE_NAME } from "../helpers/ssoFixture.js";
import { askEndpoint, endpointWorld, OPS_ROLE_NAME } from "./helpers/endpointWorld.js";

test("GET /profiles/dev with the token: the role credentials, in the container-credentials shape", async (t) => {
  const w = await endpointWorld();
  t.after(() => w.close());
  assert.equal(w.endpoint.address.host, "127.0.0.1", "loopback by default");
  assert.equal(w.endpoint.urlFor("dev"), `http://127.0.0.1:${w.endpoint.address.port}/profiles/dev`);
  const reply = await w.ask("/profiles/dev");
  assert.equal(reply.status, 200, reply.body);
  assert.equal(reply.headers["content-type"], "application/json");
  assert.equal(reply.headers["cache-control"], "no-store");
  const issued = w.emu.issuedRoleCredentials;
  assert.equal(issued.length, 1);
  const [first] = issued;
  assert.deepEqual(Object.keys(reply.json ?? {}), ["AccessKeyId", "SecretAccessKey", "Token", "Expiration", "AccountId"]);
  assert.equal(reply.json?.AccessKeyId, first?.accessKeyId);
  assert.equal(reply.json?.AccountId, ACCOUNT_ID);
  assert.equal(typeof reply.json?.SecretAccessKey, "string");
  assert.equal(typeof reply.json?.Token, "string");
  // RFC 3339 without fractions, as ECS sends it; rounded down to the second.
  assert.match(String(reply.json?.Expiration), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(new Date(String(reply.json?.Expiration)).getTime(), Math.floor((first?.expiration ?? 0) / 1000) * 1000);
  assert.equal(w.emu.accessKeyInfo(String(reply.json?.AccessKeyId))?.arn.includes(ROLE_NAME), true);
  // A query string changes nothing; the same credentials again, without another GetRoleCredentials.
  const again = await w.ask("/profiles/dev?role=x");
  assert.equal(again.status, 200);
  assert.equal(again.body, reply.body);
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
});

test("several profiles, one path each, one port and one token", async (t) => {
  const w = await endpointWorld({ profiles: ["dev", "ops"] });
  t.after(() => w.close());
  assert.deepEqual(w.endpoint.profiles, ["dev", "ops"]);
  const [dev, ops] = await Promise.all([w.ask("/profiles/dev"), w.ask("/profiles/ops")]);
  assert.equal(dev.status, 200, dev.body);
  assert.equal(ops.status, 200, ops.body);
  assert.notEqual(dev.json?.AccessKeyId, ops.json?.AccessKeyId);
  assert.match(w.emu.accessKeyInfo(String(dev.json?.AccessKeyId))?.arn ?? "", new RegExp(`_${ROLE_NAME}_`));
  assert.match(w.emu.accessKeyInfo(String(ops.json?.AccessKeyId))?.arn ?? "", new RegExp(`_${OPS_ROLE_NAME}_`));
  const other = await w.ask("/profiles/prod");
  assert.equal(other.status, 404);
  assert.deepEqual(other.json, { Code: "ProfileNotServed", Message: 'No profile is served at "/profiles/prod". This endpoint serves: /profiles/dev, /profiles/ops.' });
  assert.equal(w.emu.calls.GetRoleCredentials, 2, "only the profiles asked for");
});

test("profile paths are percent-encoded names", () => {
  assert.equal(profilePath("dev"), "/profiles/dev");
  assert.equal(profilePath("team/prod admin"), "/profiles/team%2Fprod%20admin");
});

test("no token: 401; a wrong one (longer, shorter, one character off, another run's): 403; the SDKs' {Code, Message} body", async (t) => {
  const w = await endpointWorld();
  t.after(() => w.close());
  const missing = await w.ask("/profiles/dev", { token: null });
  assert.equal(missing.status, 401);
  assert.deepEqual(Object.keys(missing.json ?? {}), ["Code", "Message"]);
  assert.equal(missing.json?.Code, "MissingAuthorizationToken");
  assert.match(String(missing.json?.Message), /AWS_CONTAINER_AUTHORIZATION_TOKEN/);
  const token = w.endpoint.authorizationToken();
  const lastChar = token.at(-1) === "A" ? "B" : "A";
  for (const wrong of [`${token}x`, token.slice(0, -1), token.slice(0, -1) + lastChar, AuthorizationToken.generate().reveal(), "", `Bearer ${token}`]) {
    const reply = await w.ask("/profiles/dev", { token: wrong });
    assert.equal(reply.status, 403, `token ${JSON.stringify(wrong.slice(0, 6))}…`);
    assert.equal(reply.json?.Code, "InvalidAuthorizationToken");
  }
  assert.equal(w.emu.calls.GetRoleCredentials, 0, "no credentials were fetched for a refused request");
});

test("the token: 256 random bits, base64url, different each time; nothing of it in inspect, JSON or String", () => {
  const tokens = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const token = AuthorizationToken.generate();
    const value = token.reveal();
    assert.match(value, /^[A-Za-z0-9_-]{43}$/, "32 bytes, base64url");
    tokens.add(value);
    assert.equal(token.matches(value), true);
    assert.equal(token.matches(value.slice(0, 42)), false);
    for (const text of [inspect(token, { showHidden: true, depth: Infinity }), JSON.stringify(token), String(token), `${token}`]) {
      assert.ok(!text.includes(value), text);
    }
  }
  assert.equal(tokens.size, 50);
});

test("DNS rebinding: a Host header that is not the endpoint's address is refused, even with the token", async (t) => {
  const w = await endpointWorld();
  t.after(() => w.close());
  const { port } = w.endpoint.address;
  for (const host of ["evil.example", `evil.example:${port}`, `127.0.0.1:${port + 1}`, `localhost:${port + 1}`, `127.0.0.2:${port}`, `[::1]:${port}`, "169.254.169.254", `127.0.0.1.nip.io:${port}`]) {
    const reply = await w.ask("/profiles/dev", { host });
    assert.equal(reply.status, 403, host);
    assert.equal(reply.json?.Code, "InvalidHost", host);
  }
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
  // What consumers send: the URL's host and port, localhost, and a proxy container's link-local address.
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, "169.254.170.2", "169.254.170.2:80", "169.254.170.23", "[fd00:ec2::23]"]) {
    const reply = await w.ask("/profiles/dev", { host });
    assert.equal(reply.status, 200, `${host}: ${reply.body}`);
  }
  // HTTP/1.0 lets a client leave Host out: refused too.
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(`GET /profiles/dev HTTP/1.0\r\nAuthorization: ${w.endpoint.authorizationToken()}\r\n\r\n`));
    let text = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => resolve(text)).on("error", reject);
  });
  assert.match(raw, /^HTTP\/1\.1 403 /);
  assert.match(raw, /"Code":"InvalidHost"/);
});

test("the Host allow-list of a wildcard bind holds the machine's addresses; of a specific one, that address", () => {
  const interfaces = () => ({
    lo: [{ address: "127.0.0.1", family: "IPv4", internal: true, netmask: "255.0.0.0", mac: "00:00:00:00:00:00", cidr: "127.0.0.1/8" }],
    eth0: [
      { address: "192.168.1.5", family: "IPv4", internal: false, netmask: "255.255.255.0", mac: "02:00:00:00:00:01", cidr: "192.168.1.5/24" },
      { address: "fe80::1%eth0", family: "IPv6", internal: false, netmask: "ffff:ffff:ffff:ffff::", mac: "02:00:00:00:00:01", cidr: "fe80::1/64", scopeid: 2 },
    ],
  }) as unknown as ReturnType<typeof networkInterfaces>;
  const wildcard = allowedHostHeaders("0.0.0.0", 9911, interfaces);
  for (const host of ["127.0.0.1:9911", "192.168.1.5:9911", "localhost:9911", "169.254.170.2"]) assert.ok(wildcard.has(host), host);
  assert.ok(!wildcard.has("192.168.1.5"), "the port is part of it");
  assert.ok(![...wildcard].some((host) => host.includes("fe80")));
  const specific = allowedHostHeaders("172.17.0.1", 9911, interfaces);
  assert.ok(specific.has("172.17.0.1:9911"));
  assert.ok(!specific.has("192.168.1.5:9911"));
  const v6 = allowedHostHeaders("::1", 80, interfaces);
  assert.ok(v6.has("[::1]:80") && v6.has("[::1]") && v6.has("localhost"));
});

test("only GET: other methods get 405 with Allow: GET, before the token is even looked at", async (t) => {
  const w = await endpointWorld();
  t.after(() => w.close());
  for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]) {
    const reply = await w.ask("/profiles/dev", { method });
    assert.equal(reply.status, 405, method);
    assert.equal(reply.headers.allow, "GET");
    if (method !== "HEAD") assert.equal(reply.json?.Code, "MethodNotAllowed");
    const anonymous = await w.ask("/profiles/dev", { method, token: null });
    assert.equal(anonymous.status, 405);
  }
  assert.equal(w.emu.calls.GetRoleCredentials, 0);
});

test("a port in use: an EndpointListenError (a config error, exit 78) naming the port and the fix", async (t) => {
  const w = await endpointWorld();
  t.after(() => w.close());
  const { port } = w.endpoint.address;
  await assert.rejects(
    CredentialsEndpoint.start({ source: w.resolver, profiles: ["dev"], port }),
    (error: unknown) => {
      assert.ok(error instanceof EndpointListenError);
      assert.ok(error instanceof SsoConfigError);
      assert.equal(error.code, "EADDRINUSE");
      assert.equal(error.port, port);
      assert.equal(
        error.message,
        `Port ${port} is already in use on 127.0.0.1, so the credentials endpoint cannot listen on 127.0.0.1:${port} (another aws-sso-creds serve, or another program). Choose another port with --port N, or leave --port out for a free one.`,
      );
      return true;
    },
  );
  await assert.rejects(CredentialsEndpoint.start({ source: w.resolver, profiles: ["dev"], host: "192.0.2.1" }), (error: unknown) => {
    assert.ok(error instanceof EndpointListenError);
    assert.equal(error.code, "EADDRNOTAVAIL");
    assert.match(error.message, /192\.0\.2\.1 is not an address of this machine\. Pass one of its addresses with --host/);
    return true;
  });
});

test("close: stops listening, lets a request in flight finish, and is safe to call twice", async (t) => {
  const w = await endpointWorld({ emulator: { latencyMs: { GetRoleCredentials: 200 } } });
  t.after(() => w.close());
  const inFlight = w.ask("/profiles/dev");
  await w.emu.waitUntil(() => w.emu.calls.GetRoleCredentials === 1);
  const closed = Promise.all([w.endpoint.close(), w.endpoint.close()]);
  const reply = await inFlight;
  assert.equal(reply.status, 200, "the request that was running got its answer");
  await closed;
  await assert.rejects(askEndpoint(w.endpoint.address.port, "/profiles/dev"), /ECONNREFUSED/);
});
