// The pieces of a login whose exact output other tools read: cache keys and file texts (compared
// with Python itself where pyenv python3 is present), the PKCE pair, the authorize URL's encoding
// (compared with botocore's own encoder), and the registration reuse rule.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { inspect } from "node:util";

import { renderProfileSections } from "../../src/cli/renderProfileSections.js";
import { authorizeUrl } from "../../src/login/authorizeUrl.js";
import { awsCliJson } from "../../src/login/awsCliJson.js";
import { ClientRegistration } from "../../src/login/ClientRegistration.js";
import type { LoginSession } from "../../src/login/LoginSession.js";
import { looksHeadless } from "../../src/login/looksHeadless.js";
import { roleCredentialCacheNames } from "../../src/login/roleCredentialCacheNames.js";
import { PkcePair, pkceChallenge } from "../../src/login/PkcePair.js";
import { registrationCacheKey } from "../../src/login/registrationCacheKey.js";
import { renderLoginPrompt } from "../../src/login/renderLoginPrompt.js";
import type { SharedConfig } from "../../src/config/SharedConfig.js";

/** Runs a Python snippet with pyenv's python3 (stdin: JSON); undefined where there is none. */
function python(code: string, input: unknown): string | undefined {
  try {
    return execFileSync("python3", ["-c", code], { input: JSON.stringify(input), encoding: "utf8" });
  } catch {
    return undefined;
  }
}

test("registration cache key: the AWS CLI's worked example, and null scopes and session for a legacy profile", () => {
  assert.equal(
    registrationCacheKey({ startUrl: "https://example.awsapps.com/start", ssoRegion: "us-east-1", scopes: ["sso:account:access"], ssoSession: "my-sso" }),
    "e83b78ff73aa2ebd41812af5abcc466dca567738",
  );
  const legacy = '{"region": "us-east-1", "scopes": null, "session_name": null, "startUrl": "https://example.awsapps.com/start", "tool": "botocore"}';
  assert.equal(
    registrationCacheKey({ startUrl: "https://example.awsapps.com/start", ssoRegion: "us-east-1", scopes: undefined, ssoSession: undefined }),
    createHash("sha1").update(legacy).digest("hex"),
  );
});

test("cache records are written as Python's json.dumps writes them: insertion order, default separators, ASCII", (t) => {
  const record = { startUrl: "https://é.awsapps.com/start", region: "us-east-1", accessToken: "a\"b\\c", scopes: ["sso:account:access", "x"], grantTypes: ["authorization_code", "refresh_token"] };
  const text = awsCliJson(record);
  assert.equal(
    text,
    '{"startUrl": "https://\\u00e9.awsapps.com/start", "region": "us-east-1", "accessToken": "a\\"b\\\\c", "scopes": ["sso:account:access", "x"], "grantTypes": ["authorization_code", "refresh_token"]}',
  );
  const fromPython = python("import json,sys; print(json.dumps(json.load(sys.stdin)), end='')", record);
  if (fromPython === undefined) return t.skip("python3 is not available: the byte comparison with json.dumps is skipped");
  assert.equal(text, fromPython);
});

test("the role credential cache keys of a session's profiles are botocore's (compact json.dumps, sort_keys)", (t) => {
  const section = (entries: Record<string, string>) => new Map(Object.entries(entries));
  const config: SharedConfig = {
    profiles: new Map([
      ["dev", section({ sso_session: "my-sso", sso_account_id: "111122223333", sso_role_name: "ReadOnly" })],
      ["other", section({ sso_session: "other", sso_account_id: "111122223333", sso_role_name: "ReadOnly" })],
      ["legacy", section({ sso_start_url: "https://example.awsapps.com/start", sso_region: "us-east-1", sso_account_id: "444455556666", sso_role_name: "Admin" })],
    ]),
    ssoSessions: new Map(),
  };
  const session = { ssoSession: "my-sso", startUrl: "https://example.awsapps.com/start" } as LoginSession;
  const legacy = { ssoSession: undefined, startUrl: "https://example.awsapps.com/start" } as LoginSession;
  const names = [...roleCredentialCacheNames(session, config), ...roleCredentialCacheNames(legacy, config)];
  const sha1 = (text: string) => `${createHash("sha1").update(text).digest("hex")}.json`;
  assert.deepEqual(names, [
    sha1('{"accountId":"111122223333","roleName":"ReadOnly","sessionName":"my-sso"}'),
    sha1('{"accountId":"444455556666","roleName":"Admin","startUrl":"https://example.awsapps.com/start"}'),
  ]);
  const fromPython = python(
    "import json,sys,hashlib; print(' '.join(hashlib.sha1(json.dumps(a, sort_keys=True, separators=(',', ':')).encode()).hexdigest() + '.json' for a in json.load(sys.stdin)), end='')",
    [
      { roleName: "ReadOnly", accountId: "111122223333", sessionName: "my-sso" },
      { roleName: "Admin", accountId: "444455556666", startUrl: "https://example.awsapps.com/start" },
    ],
  );
  if (fromPython === undefined) return t.skip("python3 is not available");
  assert.deepEqual(names, fromPython.split(" "));
});

test("PKCE: a 64-character verifier of RFC 7636's unreserved set, its S256 challenge unpadded, and never shown", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const pair = PkcePair.create();
    assert.match(pair.verifier, /^[A-Za-z0-9._~-]{64}$/);
    assert.equal(pair.challenge, createHash("sha256").update(pair.verifier).digest("base64url"));
    assert.match(pair.challenge, /^[A-Za-z0-9_-]{43}$/);
    for (const text of [String(pair), inspect(pair, { showHidden: true, depth: Infinity }), JSON.stringify(pair)]) assert.ok(!text.includes(pair.verifier));
    seen.add(pair.verifier);
  }
  assert.equal(seen.size, 200);
  // RFC 7636 Appendix B.
  assert.equal(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
});

test("the authorize URL: the AWS CLI's parameters, order and encoding (botocore's percent_encode_sequence)", (t) => {
  const params = {
    baseUrl: "https://oidc.eu-west-1.amazonaws.com",
    clientId: "client-id_1",
    redirectUri: "http://127.0.0.1:51234/oauth/callback",
    state: "state value+/=",
    scopes: ["sso:account:access", "codewhisperer:completions"],
    codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  };
  const url = authorizeUrl(params);
  assert.equal(
    url,
    "https://oidc.eu-west-1.amazonaws.com/authorize?response_type=code&client_id=client-id_1&redirect_uri=http%3A%2F%2F127.0.0.1%3A51234%2Foauth%2Fcallback" +
      "&state=state%20value%2B%2F%3D&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess%20codewhisperer%3Acompletions&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
  const fromBotocore = python(
    "import json,sys; from botocore.utils import percent_encode_sequence as e; p=json.load(sys.stdin); " +
      "print(e([('response_type','code'),('client_id',p['clientId']),('redirect_uri',p['redirectUri']),('state',p['state']),('code_challenge_method','S256'),('scopes',' '.join(p['scopes']))]) + '&code_challenge=' + p['codeChallenge'], end='')",
    params,
  );
  if (fromBotocore === undefined) return t.skip("python3 with botocore is not available");
  assert.equal(url.slice(url.indexOf("?") + 1), fromBotocore);
});

test("a registration is reused for its own flow only, and not within 15 minutes of its expiry", () => {
  const now = Date.UTC(2030, 0, 1);
  const pkce = new ClientRegistration({ clientId: "c", clientSecret: "s3cret-value", expiresAt: new Date(now + 16 * 60_000), scopes: ["sso:account:access"], grantTypes: ["authorization_code", "refresh_token"] });
  const device = ClientRegistration.fromJson({ clientId: "c", clientSecret: "s3cret-value", expiresAt: "2030-01-01T00:16:00Z" });
  assert.ok(device !== undefined);
  assert.equal(pkce.usableFor("pkce", now), true);
  assert.equal(pkce.usableFor("device", now), false, "the device flow registers anew rather than use an authorization-code registration");
  assert.equal(device.usableFor("device", now), true);
  assert.equal(device.usableFor("pkce", now), false);
  assert.equal(pkce.usableFor("pkce", now + 2 * 60_000), false, "expires in 14 minutes");
  assert.equal(ClientRegistration.fromJson({ clientId: "c", expiresAt: "2030-01-01T00:16:00Z" }), undefined);
  assert.equal(ClientRegistration.fromJson({ clientId: "c", clientSecret: "s", expiresAt: "soon" }), undefined);
  assert.equal(
    pkce.serialize(),
    '{"clientId": "c", "clientSecret": "s3cret-value", "expiresAt": "2030-01-01T00:16:00Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}',
  );
  for (const text of [String(pkce), inspect(pkce, { showHidden: true, depth: Infinity }), JSON.stringify(pkce)]) assert.ok(!text.includes("s3cret-value"), text);
});

test("a machine looks headless over SSH, or on Linux without a display", () => {
  assert.equal(looksHeadless({ DISPLAY: ":0" }, "linux"), false);
  assert.equal(looksHeadless({ WAYLAND_DISPLAY: "wayland-0" }, "linux"), false);
  assert.equal(looksHeadless({}, "linux"), true);
  assert.equal(looksHeadless({ DISPLAY: ":0", SSH_CONNECTION: "10.0.0.1 1 10.0.0.2 22" }, "linux"), true);
  assert.equal(looksHeadless({}, "darwin"), false);
  assert.equal(looksHeadless({ SSH_TTY: "/dev/pts/0" }, "darwin"), true);
  assert.equal(looksHeadless({}, "win32"), false);
});

test("prompts: the URL and code for the user, the device code hint when headless, in the caller's words", () => {
  const target = { profile: "dev", ssoSession: "my-sso" };
  const pkce = renderLoginPrompt({ type: "open-url", target, url: "https://oidc.example/authorize?x=1", openBrowser: true, headless: true }, "cli");
  assert.match(pkce, /https:\/\/oidc\.example\/authorize\?x=1/);
  assert.match(pkce, /aws-sso-creds login --sso-session my-sso --use-device-code/);
  assert.match(renderLoginPrompt({ type: "open-url", target, url: "u", openBrowser: true, headless: true }, "library"), /the `flow: "device"` option/);
  assert.doesNotMatch(renderLoginPrompt({ type: "open-url", target, url: "u", openBrowser: false, headless: false }), /headless|use-device-code/);
  const device = renderLoginPrompt({
    type: "enter-code",
    target,
    verificationUri: "https://device.sso.us-east-1.amazonaws.com/",
    verificationUriComplete: "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH",
    userCode: "ABCD-EFGH",
    expiresAt: new Date(Date.UTC(2030, 0, 1, 0, 10)),
    openBrowser: false,
  });
  assert.match(device, /^ {2}https:\/\/device\.sso\.us-east-1\.amazonaws\.com\/$/m);
  assert.match(device, /^ {2}ABCD-EFGH$/m);
  assert.match(renderLoginPrompt({ type: "waiting", target, pid: 4242, since: undefined }), /in progress in process 4242/);
});

test("list --config: sanitized, unique profile names on the session; roles the config has are left out", () => {
  const config: SharedConfig = {
    profiles: new Map([
      ["dev", new Map([["sso_session", "my-sso"], ["sso_account_id", "111122223333"], ["sso_role_name", "ReadOnly"]])],
      ["production-admin", new Map([["region", "eu-west-1"]])],
    ]),
    ssoSessions: new Map(),
  };
  const session = { target: { ssoSession: "my-sso" }, ssoSession: "my-sso", profile: undefined, startUrl: "https://x.awsapps.com/start", ssoRegion: "us-east-1" } as unknown as LoginSession;
  const text = renderProfileSections({
    session,
    config,
    configPath: "/home/me/.aws/config",
    accounts: [
      { accountId: "111122223333", accountName: "Development", emailAddress: undefined, roles: ["ReadOnly", "Power User"] },
      { accountId: "999988887777", accountName: "Production", emailAddress: undefined, roles: ["Admin"] },
      { accountId: "555566667777", accountName: "-- Ünïcode & Co. --", emailAddress: undefined, roles: ["Admin"] },
    ],
  });
  assert.match(text, /^# ReadOnly in 111122223333 \(Development\) is already \[profile dev\]$/m);
  assert.match(text, /^\[profile development-power-user\]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = Power User$/m);
  assert.match(text, /^\[profile production-admin-999988887777\]$/m, "a name the config has gets the account id");
  assert.match(text, /^\[profile unicode-co.-admin\]\nsso_session = my-sso\nsso_account_id = 555566667777$/m, "accents dropped, other characters one dash");
  for (const [, name] of text.matchAll(/^\[profile (.+)\]$/gm)) assert.match(name ?? "", /^[a-z0-9_][a-z0-9_.-]*$/);
});
