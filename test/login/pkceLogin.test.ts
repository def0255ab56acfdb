// The PKCE login against the emulator, its browser played by visitLikeABrowser (a real HTTP client
// following the emulator's redirect to our loopback callback): what is registered, the authorize
// URL, the exchange, the files written, a registration the AWS CLI wrote reused, and the failures.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { test } from "node:test";

import { RegisterClientCommand, SSOOIDCClient } from "@aws-sdk/client-sso-oidc";

import { cliWords } from "../../src/cli/cliWords.js";
import {
  InvalidOptionError,
  LoginCallbackServerError,
  LoginCallbackTimeoutError,
  LoginDeniedError,
  LoginRejectedError,
  login,
  type LoginPrompt,
} from "../../src/index.js";
import { runLogin } from "../../src/login/runLogin.js";
import { visitLikeABrowser } from "../emulator/visitLikeABrowser.js";
import { TestClock } from "../helpers/TestClock.js";
import { TrackingClock } from "./helpers/TrackingClock.js";
import { loginWorld, START_URL } from "./helpers/loginWorld.js";

/** The cache file name of the session's registration, computed here from the AWS CLI's key text (not our function). */
const REGISTRATION_FILE = `${createHash("sha1")
  .update('{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "https://emulator.awsapps.com/start", "tool": "botocore"}')
  .digest("hex")}.json`;

const browse = async (url: string) => {
  await visitLikeABrowser(url);
  return { opened: true as const };
};

function openUrl(prompts: readonly LoginPrompt[]): Extract<LoginPrompt, { type: "open-url" }> {
  const prompt = prompts.find((candidate): candidate is Extract<LoginPrompt, { type: "open-url" }> => candidate.type === "open-url");
  assert.ok(prompt, "the authorize URL was shown");
  return prompt;
}

test("PKCE: the registration, the authorize URL and the exchange are the AWS CLI's; the files are written as it writes them", async (t) => {
  const clock = new TestClock();
  const w = await loginWorld(t, { now: clock.now });
  const result = await login(w.options({ clock, browser: browse }));
  assert.equal(result.outcome, "logged-in");
  assert.equal(result.flow, "pkce", "the default for an [sso-session]");

  assert.deepEqual(w.proxy.requestsTo("/client/register"), [
    {
      clientName: "aws-sso-creds-client-my-sso",
      clientType: "public",
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
      issuerUrl: START_URL,
      scopes: ["sso:account:access"],
    },
  ]);
  const authorize = w.emu.lastAuthorizeRequest;
  assert.equal(authorize?.outcome, "approved");
  const params = authorize.params;
  assert.deepEqual(Object.keys(params), ["response_type", "client_id", "redirect_uri", "state", "code_challenge_method", "scopes", "code_challenge"]);
  assert.equal(params.response_type, "code");
  assert.match(params.redirect_uri ?? "", /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
  assert.equal(params.code_challenge_method, "S256");
  assert.equal(params.scopes, "sso:account:access");
  assert.equal(openUrl(w.prompts).url.startsWith(`${w.proxy.url}/authorize?`), true, "the authorize endpoint is the client's own (AWS_ENDPOINT_URL_SSO_OIDC, clientConfig.endpoint)");
  const [exchange] = w.proxy.requestsTo("/token");
  assert.equal(exchange?.grantType, "authorization_code");
  assert.equal(exchange?.redirectUri, params.redirect_uri, "the redirect URI with its port");
  assert.match(String(exchange?.codeVerifier), /^[A-Za-z0-9._~-]{64}$/);
  assert.equal(createHash("sha256").update(String(exchange?.codeVerifier)).digest("base64url"), params.code_challenge);

  const registration = JSON.parse(w.proxy.exchanges.find((e) => e.path === "/client/register")?.responseBody ?? "{}") as Record<string, unknown>;
  const issued = JSON.parse(w.proxy.exchanges.filter((e) => e.path === "/token").at(-1)?.responseBody ?? "{}") as Record<string, unknown>;
  const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const registrationExpiresAt = seconds(Number(registration.clientSecretExpiresAt) * 1000);
  assert.equal(
    await readFile(w.sessionPath, "utf8"),
    `{"startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "${String(issued.accessToken)}", "expiresAt": "${seconds(clock.now() + 3600_000)}", ` +
      `"clientId": "${String(registration.clientId)}", "clientSecret": "${String(registration.clientSecret)}", "registrationExpiresAt": "${registrationExpiresAt}", ` +
      `"refreshToken": "${String(issued.refreshToken)}"}`,
  );
  assert.equal(
    await w.readCache(REGISTRATION_FILE),
    `{"clientId": "${String(registration.clientId)}", "clientSecret": "${String(registration.clientSecret)}", "expiresAt": "${registrationExpiresAt}", ` +
      `"scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}`,
  );
  for (const file of [w.sessionPath, join(w.fixture.cacheDir, REGISTRATION_FILE)]) assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.equal((await stat(w.fixture.cacheDir)).mode & 0o777, 0o700);
  assert.deepEqual(
    (await w.cacheEntries()).filter((name) => !name.startsWith(".")),
    [REGISTRATION_FILE, "0ad374308c5a4e22f723adf10145eafad7c4031c.json"].sort(),
    "no temp file or lock left behind",
  );
});

test("a registration in the AWS CLI's format (fixture) is reused: no RegisterClient", async (t) => {
  const clock = new TestClock();
  const w = await loginWorld(t, { now: clock.now });
  // A client registered as `aws sso login` registers one, cached as it caches it.
  const oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: w.emu.url, maxAttempts: 1 });
  t.after(() => oidc.destroy());
  const registered = await oidc.send(
    new RegisterClientCommand({
      clientName: "botocore-client-my-sso",
      clientType: "public",
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
      issuerUrl: START_URL,
      scopes: ["sso:account:access"],
    }),
  );
  const template = readFileSync(new URL("../fixtures/login/aws-cli-registration-pkce.json.template", import.meta.url), "utf8").trim();
  const text = template
    .replace("@CLIENT_ID@", registered.clientId ?? "")
    .replace("@CLIENT_SECRET@", registered.clientSecret ?? "")
    .replace("@EXPIRES_AT@", new Date((registered.clientSecretExpiresAt ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"));
  await writeFile(join(w.fixture.cacheDir, REGISTRATION_FILE), text, { mode: 0o600 });
  w.emu.resetCalls();

  const result = await login(w.options({ clock, browser: browse }));
  assert.equal(result.outcome, "logged-in");
  assert.equal(w.emu.calls.RegisterClient, 0);
  assert.equal(w.emu.lastAuthorizeRequest?.params.client_id, registered.clientId);
  assert.equal(await w.readCache(REGISTRATION_FILE), text, "left as the AWS CLI wrote it");
  assert.equal((JSON.parse(await readFile(w.sessionPath, "utf8")) as Record<string, unknown>).clientId, registered.clientId);
});

test("the user denies: LoginDeniedError, nothing written; another error= is a LoginRejectedError", async (t) => {
  const w = await loginWorld(t);
  w.emu.denyNextAuthorize();
  await assert.rejects(login(w.options({ browser: browse })), (error: unknown) => {
    assert.ok(error instanceof LoginDeniedError, String(error));
    assert.match(error.message, /was denied \(access_denied\).*aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
    return true;
  });
  await assert.rejects(readFile(w.sessionPath), { code: "ENOENT" });
  assert.equal(w.emu.calls.CreateToken, 0);

  // Scopes the registration does not have: the emulator redirects with error=invalid_scope.
  const scoped = await loginWorld(t, {}, "[profile dev]\nsso_session = narrow\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n\n[sso-session narrow]\nsso_start_url = https://emulator.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
  const registration = join(scoped.fixture.cacheDir, `${createHash("sha1").update('{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "narrow", "startUrl": "https://emulator.awsapps.com/start", "tool": "botocore"}').digest("hex")}.json`);
  await login(scoped.options({ browser: browse }));
  const cached = JSON.parse(await readFile(registration, "utf8")) as Record<string, unknown>;
  // The config asks for a scope the cached client was not registered with (the cache key still matches: a hand edit).
  await writeFile(registration, JSON.stringify({ ...cached }));
  await writeFile(scoped.fixture.configPath, (await readFile(scoped.fixture.configPath, "utf8")).replace("sso_registration_scopes = sso:account:access", "sso_registration_scopes = sso:account:access, codewhisperer:completions"));
  const key = createHash("sha1").update('{"region": "us-east-1", "scopes": ["sso:account:access", "codewhisperer:completions"], "session_name": "narrow", "startUrl": "https://emulator.awsapps.com/start", "tool": "botocore"}').digest("hex");
  await writeFile(join(scoped.fixture.cacheDir, `${key}.json`), JSON.stringify(cached));
  await assert.rejects(login(scoped.options({ browser: browse })), (error: unknown) => {
    assert.ok(error instanceof LoginRejectedError, String(error));
    assert.equal(error.serviceCode, "invalid_scope");
    assert.equal(error.stage, "authorize");
    assert.match(error.message, /in the browser with invalid_scope \("Scopes not registered for this client: codewhisperer:completions"\): the sso_registration_scopes/);
    return true;
  });
});

test("no browser: the URL is only shown; a browser that fails is said, and the wait goes on", async (t) => {
  const w = await loginWorld(t);
  let opened = 0;
  const shown = login(
    w.options({
      openBrowser: false,
      browser: async () => {
        opened++;
        return { opened: true };
      },
      onPrompt: (prompt) => {
        w.prompts.push(prompt);
        if (prompt.type === "open-url") void visitLikeABrowser(prompt.url);
      },
    }),
  );
  assert.equal((await shown).outcome, "logged-in");
  assert.equal(opened, 0);
  assert.equal(openUrl(w.prompts).openBrowser, false);

  const failing = await loginWorld(t);
  const result = await login(
    failing.options({
      browser: async () => ({ opened: false, reason: "xdg-open exited with 3" }),
      onPrompt: (prompt) => {
        failing.prompts.push(prompt);
        if (prompt.type === "browser-failed") void visitLikeABrowser(prompt.url);
      },
    }),
  );
  assert.equal(result.outcome, "logged-in");
  assert.deepEqual(
    failing.prompts.map((prompt) => prompt.type),
    ["open-url", "browser-failed"],
  );
});

test("no answer from the browser: LoginCallbackTimeoutError after callbackTimeoutMs (10 minutes by default), naming --use-device-code", async (t) => {
  const clock = new TrackingClock();
  const w = await loginWorld(t, { now: clock.now });
  const pending = runLogin(w.options({ clock }), { words: cliWords });
  pending.catch(() => undefined);
  await waitFor(() => clock.pending.includes(600_000));
  await clock.inner.advance(599_999);
  await new Promise((resolve) => setImmediate(resolve));
  let settled = false;
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(settled, false, "still waiting before 10 minutes");
  await clock.inner.advance(1);
  await assert.rejects(pending, (error: unknown) => {
    assert.ok(error instanceof LoginCallbackTimeoutError, String(error));
    assert.match(error.message, /^No sign-in reached http:\/\/127\.0\.0\.1:\d+\/oauth\/callback within 600 s for the login to sso-session "my-sso"/);
    assert.match(error.message, /an SSH session, a container, WSL\)\. Log in with a code instead, which works from any device \(--use-device-code\): aws-sso-creds login --sso-session my-sso --use-device-code$/);
    return true;
  });
  // The server is gone once the login gave up.
  const port = Number(new URL(openUrl(w.prompts).url).searchParams.get("redirect_uri")?.match(/:(\d+)\//)?.[1]);
  await assert.rejects(fetch(`http://127.0.0.1:${port}/oauth/callback`));

  const library = await loginWorld(t, { now: clock.now });
  const short = login(library.options({ clock, callbackTimeoutMs: 5000 }));
  short.catch(() => undefined);
  await waitFor(() => clock.pending.includes(5000));
  await clock.inner.advance(5000);
  await assert.rejects(short, /within 5 s .*\(the `flow` option\): aws-sso-creds login --sso-session my-sso --use-device-code$/);
});

test("--redirect-port: the callback listens there; a port in use is a LoginCallbackServerError, before any browser", async (t) => {
  const w = await loginWorld(t);
  const port = await freePort();
  await login(w.options({ redirectPort: port, browser: browse }));
  assert.equal(w.emu.lastAuthorizeRequest?.params.redirect_uri, `http://127.0.0.1:${port}/oauth/callback`);

  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  let opened = 0;
  w.emu.resetCalls();
  await assert.rejects(
    runLogin(
      w.options({
        redirectPort: port,
        browser: async () => {
          opened++;
          return { opened: true };
        },
      }),
      { words: cliWords },
    ),
    (error: unknown) => {
      assert.ok(error instanceof LoginCallbackServerError, String(error));
      assert.match(error.message, new RegExp(`^Could not listen on 127\\.0\\.0\\.1:${port} for the browser's answer to the login to sso-session "my-sso" \\(EADDRINUSE\\)\\. Choose another port with --redirect-port`));
      return true;
    },
  );
  assert.equal(opened, 0);
  assert.equal(w.emu.calls.Authorize, 0);
});

test("a legacy profile logs in with the device code; PKCE for it is an InvalidOptionError; bad options are named", async (t) => {
  const w = await loginWorld(t, { autoApproveDevices: true });
  const result = await login(w.options({ profile: "legacy" }));
  assert.equal(result.flow, "device");
  assert.equal(result.ssoSession, undefined);
  assert.equal(result.cacheFile, w.legacyPath);
  // As the AWS CLI names a legacy profile's client: by the time (epoch seconds), there being no session name.
  assert.match(String(w.proxy.requestsTo("/client/register")[0]?.clientName), /^aws-sso-creds-client-\d{10}$/);
  assert.equal(w.proxy.requestsTo("/client/register")[0]?.scopes, undefined, "legacy profiles register no scopes");
  await assert.rejects(login(w.options({ profile: "legacy", flow: "pkce" })), (error: unknown) => error instanceof InvalidOptionError && /needs an \[sso-session\]/.test(error.message));
  await assert.rejects(login(w.options({ flow: "browser" as never })), InvalidOptionError);
  await assert.rejects(login(w.options({ redirectPort: 70_000 })), /`redirectPort` option is 70000; it must be a whole number from 0 to 65535/);
  await assert.rejects(login(w.options({ callbackTimeoutMs: 10 })), InvalidOptionError);
});

test("force: false uses a valid cached token as it is", async (t) => {
  const w = await loginWorld(t);
  await login(w.options({ browser: browse }));
  w.emu.resetCalls();
  const again = await login(w.options({ force: false, browser: browse }));
  assert.equal(again.outcome, "already-valid");
  assert.equal(w.emu.calls.Authorize + w.emu.calls.CreateToken + w.emu.calls.RegisterClient, 0);
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 5000) throw new Error("waited too long");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }),
  );
}
