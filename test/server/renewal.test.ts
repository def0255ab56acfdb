// When the endpoint renews credentials, what it serves meanwhile, what a failure does, and the load of
// 200 concurrent requests, on a drivable clock shared by the emulator, the resolver and the endpoint.
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { test } from "node:test";

import { RENEW_BEFORE_EXPIRY_MAX_MS, renewalTimes } from "../../src/server/renewalTimes.js";
import { endpointWorld, type EndpointReply, type EndpointWorld } from "./helpers/endpointWorld.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Asks until `accept` says yes (a background renewal lands a few event-loop turns after its call). */
async function askUntil(w: EndpointWorld, accept: (reply: EndpointReply) => boolean): Promise<EndpointReply> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const reply = await w.ask("/profiles/dev");
    if (accept(reply)) return reply;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("the endpoint never gave the expected answer");
}

const keyOf = (reply: EndpointReply): string => String(reply.json?.AccessKeyId);

test("renewal times: a third of the lifetime before expiry, at most 16 minutes; usable until a tenth (at most a minute) is left", () => {
  assert.deepEqual(renewalTimes(0, 60 * MINUTE), { renewAt: 44 * MINUTE, usableUntil: 59 * MINUTE });
  assert.deepEqual(renewalTimes(0, 12 * 60 * MINUTE), { renewAt: 12 * 60 * MINUTE - RENEW_BEFORE_EXPIRY_MAX_MS, usableUntil: 12 * 60 * MINUTE - MINUTE });
  assert.deepEqual(renewalTimes(0, 20 * SECOND), { renewAt: 20 * SECOND - (20 * SECOND) / 3, usableUntil: 18 * SECOND });
  // Already expired when received: nothing to renew ahead of.
  assert.deepEqual(renewalTimes(10 * SECOND, 5 * SECOND), { renewAt: 5 * SECOND, usableUntil: 5 * SECOND });
});

test("1-hour credentials: the same ones for 44 minutes, then new ones fetched in the background while the old are served", async (t) => {
  const w = await endpointWorld();
  t.after(() => w.close());
  const first = await w.ask("/profiles/dev");
  assert.equal(first.status, 200, first.body);
  await w.clock.advance(43 * MINUTE);
  assert.equal(keyOf(await w.ask("/profiles/dev")), keyOf(first));
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
  await w.clock.advance(1 * MINUTE + SECOND);
  // Past the renewal time: this request is answered at once with the current credentials...
  assert.equal(keyOf(await w.ask("/profiles/dev")), keyOf(first), "no request waits while the current credentials are valid");
  // ...and the renewal lands shortly after.
  const renewed = await askUntil(w, (reply) => keyOf(reply) !== keyOf(first));
  assert.equal(w.emu.calls.GetRoleCredentials, 2);
  const remaining = new Date(String(renewed.json?.Expiration)).getTime() - w.clock.now();
  assert.ok(remaining > 59 * MINUTE, `fresh 1-hour credentials (${remaining} ms left)`);
  // Consumers were never handed credentials within botocore's 15-minute refresh window.
  assert.ok(new Date(String(first.json?.Expiration)).getTime() - (w.clock.now() - 1) > 15 * MINUTE);
});

test("20-second credentials: renewed once per lifetime however often they are asked for", async (t) => {
  const w = await endpointWorld({ emulator: { roleCredentialsTtlSeconds: 20 } });
  t.after(() => w.close());
  const seen = new Set<string>();
  // A consumer asking every second for a minute.
  for (let second = 0; second < 60; second++) {
    const reply = await w.ask("/profiles/dev");
    assert.equal(reply.status, 200, reply.body);
    const expiration = new Date(String(reply.json?.Expiration)).getTime();
    assert.ok(expiration - w.clock.now() >= 2 * SECOND - 1000, "never credentials about to expire (rounded down to the second)");
    seen.add(keyOf(reply));
    await w.clock.advance(SECOND);
    // Let a background renewal started by this request land before the next second.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Renewed by the first request after 6.7 of the 20 s are left: at 14 s of age, so 4 sets in 60 s
  // (3 lifetimes), not 60. The last request may have started one more renewal, not yet seen.
  assert.ok(seen.size >= 4 && seen.size <= 5, `${seen.size} sets of credentials`);
  assert.ok(w.emu.calls.GetRoleCredentials - seen.size <= 1, `${w.emu.calls.GetRoleCredentials} GetRoleCredentials for ${seen.size} sets seen`);
});

test("a renewal that fails: the current credentials are served while valid, with one warning; then the error, and the endpoint keeps going", async (t) => {
  const w = await endpointWorld({ emulator: { roleCredentialsTtlSeconds: 60 } });
  t.after(() => w.close());
  const first = await w.ask("/profiles/dev");
  w.emu.failNext("GetRoleCredentials", 1000, 500);
  await w.clock.advance(41 * SECOND);
  assert.equal(keyOf(await w.ask("/profiles/dev")), keyOf(first));
  await w.emu.waitUntil(() => w.emu.calls.GetRoleCredentials === 2);
  await new Promise((resolve) => setTimeout(resolve, 20));
  // Within the retry delay (a quarter of the usable time left, at least 1 s): served, no new attempt.
  await w.clock.advance(500);
  assert.equal(keyOf(await w.ask("/profiles/dev")), keyOf(first));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(w.emu.calls.GetRoleCredentials, 2);
  // After it: one more attempt.
  await w.clock.advance(4 * SECOND);
  assert.equal(keyOf(await w.ask("/profiles/dev")), keyOf(first));
  await w.emu.waitUntil(() => w.emu.calls.GetRoleCredentials === 3);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const warnings = w.logger.lines.filter((line) => line.level === "warn" && line.message.includes("could not get new role credentials"));
  assert.ok(warnings.length >= 1, "the resolver said it kept the current credentials, and why");
  // Past the time they are normally served until (54 s), not yet expired (60 s), the service still down:
  // still served, and requests do not each cost an attempt.
  await w.clock.advance(9 * SECOND);
  const before = w.emu.calls.GetRoleCredentials;
  for (let i = 0; i < 5; i++) assert.equal(keyOf(await w.ask("/profiles/dev")), keyOf(first));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(w.emu.calls.GetRoleCredentials - before <= 1, `${w.emu.calls.GetRoleCredentials - before} attempts for 5 requests`);
  // Expired: the error, as the SDKs read it, with the typed error's message.
  await w.clock.advance(11 * SECOND);
  const failed = await w.ask("/profiles/dev");
  assert.equal(failed.status, 502, failed.body);
  assert.equal(failed.json?.Code, "RoleCredentialsFailedError");
  assert.match(String(failed.json?.Message), /role ReadOnly in account 111122223333/);
  assert.match(String(failed.json?.Message), /Try again shortly/);
  const attempts = w.emu.calls.GetRoleCredentials;
  // For 2 seconds the same answer without another call (a retrying consumer costs the service nothing)...
  assert.equal((await w.ask("/profiles/dev")).status, 502);
  assert.equal(w.emu.calls.GetRoleCredentials, attempts);
  // ...then, the service back, credentials again.
  w.emu.clearFaults();
  await w.clock.advance(2 * SECOND);
  const back = await w.ask("/profiles/dev");
  assert.equal(back.status, 200, back.body);
  assert.notEqual(keyOf(back), keyOf(first));
});

test("a login needed: 401 whose Message is the typed error's, with the command; after the login, credentials; the endpoint never stopped", async (t) => {
  const w = await endpointWorld({ noToken: true });
  t.after(() => w.close());
  const refused = await w.ask("/profiles/dev");
  assert.equal(refused.status, 401);
  assert.equal(refused.json?.Code, "SsoTokenNotFoundError");
  assert.match(String(refused.json?.Message), /^No cached SSO token at .* for sso-session "my-sso"\. Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
  const warned = w.logger.lines.filter((line) => line.level === "warn" && line.message.startsWith('could not get credentials for profile "dev": No cached SSO token'));
  assert.equal(warned.length, 1);
  assert.equal((await w.ask("/profiles/dev")).status, 401);
  const cachePath = await w.login();
  await w.clock.advance(2 * SECOND);
  const served = await w.ask("/profiles/dev");
  assert.equal(served.status, 200, served.body);
  // The login lost again (the cache file removed): served from memory while the credentials last.
  await rm(cachePath);
  assert.equal((await w.ask("/profiles/dev")).status, 200);
  assert.equal(w.logger.lines.filter((line) => line.level === "warn").length, 1, "one warning for the one failure");
});

test("load: 200 concurrent requests on a warm endpoint all succeed, with one GetRoleCredentials per expiry", async (t) => {
  const w = await endpointWorld({ emulator: { roleCredentialsTtlSeconds: 3600 } });
  t.after(() => w.close());
  const warm = await w.ask("/profiles/dev");
  assert.equal(warm.status, 200);
  const burst = async (): Promise<EndpointReply[]> => Promise.all(Array.from({ length: 200 }, () => w.ask("/profiles/dev")));
  const replies = await burst();
  assert.deepEqual(new Set(replies.map((reply) => reply.status)), new Set([200]));
  assert.deepEqual(new Set(replies.map((reply) => reply.body)), new Set([warm.body]));
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
  // The credentials expired while nobody asked: the next burst waits for one renewal, shared by all.
  await w.clock.advance(61 * MINUTE);
  const after = await burst();
  assert.deepEqual(new Set(after.map((reply) => reply.status)), new Set([200]));
  assert.equal(new Set(after.map((reply) => reply.body)).size, 1);
  assert.notEqual(after[0]?.body, warm.body);
  assert.equal(w.emu.calls.GetRoleCredentials, 2);
});

test("load: 200 concurrent requests on a cold endpoint cost one GetRoleCredentials", async (t) => {
  const w = await endpointWorld();
  t.after(() => w.close());
  const replies = await Promise.all(Array.from({ length: 200 }, () => w.ask("/profiles/dev")));
  assert.deepEqual(new Set(replies.map((reply) => reply.status)), new Set([200]));
  assert.equal(new Set(replies.map((reply) => reply.body)).size, 1);
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
});
