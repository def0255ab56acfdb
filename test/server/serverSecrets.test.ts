// "Credentials and the token never appear in any log line": the endpoint runs through everything it
// can log (requests served, every kind of refusal, renewals, a failing service, a login needed, an
// expiry, several profiles, close) with a logger that renders each argument as thoroughly as a logger
// could (util.inspect with hidden properties), and with the SDK clients logging through it too. None of
// the endpoint's token, a near-miss token a client sent, the credentials served (secret key and session
// token), or the SSO tokens and client secret may appear in any line, nor in how the endpoint's own
// objects print. The access key id is not a secret (AWS itself logs it, in CloudTrail) and the SDK
// client logs it at info; our own lines do not have it either.
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import { test } from "node:test";
import { inspect } from "node:util";

import { AuthorizationToken } from "../../src/server/AuthorizationToken.js";
import { endpointWorld } from "./helpers/endpointWorld.js";

const SECOND = 1000;

test("no token or credential in any log line (every level, util.inspect showHidden) or in the endpoint's objects", async (t) => {
  const lines: { source: string; level: string; text: string }[] = [];
  const at = (source: string, level: string) => (...args: unknown[]) => {
    lines.push({ source, level, text: args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: Infinity, showHidden: true }))).join(" ") });
  };
  const loggerOf = (source: string) => ({
    trace: at(source, "trace"),
    debug: at(source, "debug"),
    info: at(source, "info"),
    warn: at(source, "warn"),
    error: at(source, "error"),
  });
  const w = await endpointWorld({ profiles: ["dev", "ops"], logger: loggerOf("ours"), sdkLogger: loggerOf("sdk"), emulator: { roleCredentialsTtlSeconds: 60 } });
  t.after(() => w.close());
  const secrets = new Set<string>();
  const accessKeyIds = new Set<string>();
  const token = w.endpoint.authorizationToken();
  secrets.add(token);
  const nearMiss = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
  secrets.add(nearMiss);
  const keep = (json: Record<string, unknown> | undefined): void => {
    for (const field of ["SecretAccessKey", "Token"]) if (typeof json?.[field] === "string") secrets.add(json[field] as string);
    if (typeof json?.AccessKeyId === "string") accessKeyIds.add(json.AccessKeyId);
  };
  const cached = JSON.parse(await readFile(w.cachePath, "utf8")) as Record<string, string>;
  for (const field of ["accessToken", "refreshToken", "clientSecret"]) secrets.add(cached[field] as string);
  const objects: unknown[] = [w.endpoint];

  // Served, and refused in every way (the refusals a second time, for the debug-level repeats).
  for (let round = 0; round < 2; round++) {
    keep((await w.ask("/profiles/dev")).json);
    keep((await w.ask("/profiles/ops?x=1")).json);
    await w.ask("/profiles/dev", { token: null });
    await w.ask("/profiles/dev", { token: nearMiss });
    await w.ask("/profiles/dev", { host: `evil.example:${w.endpoint.address.port}` });
    await w.ask("/profiles/dev", { method: "POST" });
    await w.ask(`/profiles/${encodeURIComponent(token)}`);
    await w.ask("/nothing/here");
  }
  objects.push(await w.endpoint.warm("dev"), AuthorizationToken.generate());
  // A renewal, then one that fails while the current credentials are valid, then an expiry with the service down.
  await w.clock.advance(41 * SECOND);
  await w.ask("/profiles/dev");
  await w.emu.waitUntil(() => w.emu.calls.GetRoleCredentials === 3);
  await new Promise((resolve) => setTimeout(resolve, 20));
  keep((await w.ask("/profiles/dev")).json);
  w.emu.failNext("GetRoleCredentials", 1000, 500);
  await w.clock.advance(41 * SECOND);
  await w.ask("/profiles/dev");
  await new Promise((resolve) => setTimeout(resolve, 50));
  await w.clock.advance(30 * SECOND);
  const failed = await w.ask("/profiles/dev");
  assert.equal(failed.status, 502);
  w.emu.clearFaults();
  // A login needed: the token cache gone, the credentials expired.
  await rm(w.cachePath);
  await w.clock.advance(120 * SECOND);
  const login = await w.ask("/profiles/ops");
  assert.equal(login.status, 401, login.body);
  // A revoked session: the refresh is refused.
  await w.login();
  for (const refreshToken of w.emu.issuedRefreshTokens) w.emu.revokeRefreshToken(refreshToken);
  await w.clock.advance(3600 * SECOND);
  await w.ask("/profiles/dev");
  await w.endpoint.close();

  assert.ok(secrets.size >= 10, `secrets collected: ${secrets.size}`);
  assert.ok(lines.some((line) => line.level === "warn"));
  assert.ok(lines.some((line) => line.level === "debug" && line.text.startsWith("GET /profiles/dev 200")));
  assert.ok(lines.some((line) => line.source === "sdk"), "the SDK clients logged too");
  for (const line of lines) {
    for (const secret of line.source === "ours" ? [...secrets, ...accessKeyIds] : secrets) {
      assert.ok(!line.text.includes(secret), `a secret (${secret.slice(0, 4)}…) in a ${line.source} ${line.level} line: ${line.text.slice(0, 200)}`);
    }
  }
  for (const object of objects) {
    for (const text of [inspect(object, { depth: Infinity, showHidden: true }), String(object), JSON.stringify(object) ?? ""]) {
      for (const secret of [...secrets, ...accessKeyIds]) assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 4)}…) in ${text.slice(0, 200)}`);
    }
  }
});
