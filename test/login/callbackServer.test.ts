// The PKCE login's loopback server on its own: where it listens, what it takes, what it ignores,
// what the browser is shown, and when it gives up (on a clock the test drives).
import assert from "node:assert/strict";
import { test } from "node:test";

import { LoginCallbackTimeoutError, LoginDeniedError, LoginRejectedError } from "../../src/index.js";
import { LoopbackCallbackServer } from "../../src/login/LoopbackCallbackServer.js";
import { TestClock } from "../helpers/TestClock.js";

const target = { profile: "dev", ssoSession: "my-sso" };

async function start(clock = new TestClock(), timeoutMs = 600_000): Promise<LoopbackCallbackServer> {
  return LoopbackCallbackServer.start({ port: 0, state: "the-state", target, clock, timeoutMs });
}

test("listens on 127.0.0.1 only, on a free port, before anything is asked of it", async (t) => {
  const server = await start();
  t.after(() => server.close());
  assert.match(server.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
  const response = await fetch(`http://127.0.0.1:${server.port}/favicon.ico`);
  assert.equal(response.status, 404);
  // [::1] is another address: nothing listens there for us.
  await assert.rejects(fetch(`http://[::1]:${server.port}/oauth/callback`));
});

test("strays are answered and ignored: /favicon.ico, a wrong or missing state, no code; then the real answer", async (t) => {
  const server = await start();
  t.after(() => server.close());
  const code = server.waitForCode();
  const base = `http://127.0.0.1:${server.port}`;
  const strays = [
    [`${base}/favicon.ico`, 404],
    [`${base}/`, 404],
    [`${base}/oauth/callback?code=stolen&state=other-state`, 400],
    [`${base}/oauth/callback?code=stolen`, 400],
    [`${base}/oauth/callback?error=access_denied&state=wrong`, 400],
    [`${base}/oauth/callback?state=the-state`, 400],
  ] as const;
  for (const [url, status] of strays) {
    const response = await fetch(url);
    assert.equal(response.status, status, url);
    assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
    await response.text();
  }
  const answer = await fetch(`${base}/oauth/callback?code=the-code&state=the-state`);
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get("cache-control"), "no-store");
  const page = await answer.text();
  assert.match(page, /You can close this tab/);
  assert.ok(page.length < 500, "a short page");
  assert.equal(await code, "the-code");
});

test("error= with the login's state fails the login: access_denied is LoginDeniedError, others LoginRejectedError", async (t) => {
  for (const [error, errorClass] of [
    ["access_denied", LoginDeniedError],
    ["invalid_scope", LoginRejectedError],
  ] as const) {
    const server = await start();
    t.after(() => server.close());
    const waiting = server.waitForCode();
    waiting.catch(() => undefined);
    const response = await fetch(`http://127.0.0.1:${server.port}/oauth/callback?error=${error}&error_description=%3Cb%3Enope%3C%2Fb%3E&state=the-state`);
    const page = await response.text();
    assert.match(page, new RegExp(`did not complete \\(${error}\\)`));
    assert.doesNotMatch(page, /<b>/, "the service's text is escaped");
    await assert.rejects(waiting, errorClass);
  }
});

test("gives up after the timeout of its clock with LoginCallbackTimeoutError, and stops listening", async () => {
  const clock = new TestClock();
  const server = await start(clock, 600_000);
  const waiting = server.waitForCode();
  waiting.catch(() => undefined);
  await clock.untilSleeping(1);
  await clock.advance(600_000);
  await assert.rejects(waiting, (error: unknown) => error instanceof LoginCallbackTimeoutError && /--use-device-code$/.test(error.message) && error.waitedMs === 600_000);
  await assert.rejects(fetch(server.redirectUri));
});
