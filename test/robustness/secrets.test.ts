// One test for the promise "no token, secret or key in anything we produce": every error path and the
// debug logging run with known token, secret and key values (the emulator's), and none of them may
// appear in an error's message, stack, util.inspect or JSON.stringify (cause chains included), in a
// log line (ours, or the SDK clients' we configure), or in how our internal token objects print.
// The credentials the provider returns are the one place they belong.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { inspect } from "node:util";

import { CachedSsoToken } from "../../src/token/CachedSsoToken.js";
import { readTokenFile } from "../../src/token/readTokenFile.js";
import { login, logout, renderLoginPrompt, type FromSSOInit, type LoginOptions, type LoginPrompt } from "../../src/index.js";
import { listSessionAccounts } from "../../src/login/listSessionAccounts.js";
import { assertBuilt, cliEnv, runCli, startCli } from "../cli/cliHarness.js";
import type { EmulatorOptions, IdentityCenterEmulator, IssueSessionOptions } from "../emulator/index.js";
import { visitLikeABrowser } from "../emulator/visitLikeABrowser.js";
import { loginWorld, type LoginWorld } from "../login/helpers/loginWorld.js";
import { providerWorld, type ProviderWorld } from "../helpers/providerWorld.js";

/** Everything the secrets could hide in, for one value: its texts and its cause chain. */
function renderings(value: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = value;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    out.push(String(current));
    out.push(inspect(current, { depth: Infinity, showHidden: true }));
    try {
      out.push(JSON.stringify(current) ?? "");
    } catch (error) {
      out.push(`(JSON.stringify threw ${String(error)})`);
    }
    if (current instanceof Error) {
      out.push(current.message, current.stack ?? "");
      for (const key of Object.getOwnPropertyNames(current)) {
        const property = (current as unknown as Record<string, unknown>)[key];
        if (typeof property === "string") out.push(property);
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

interface Scenario {
  name: string;
  session?: IssueSessionOptions;
  cache?: Record<string, unknown>;
  init?: FromSSOInit;
  before?(world: ProviderWorld): Promise<void> | void;
  inject?(emu: IdentityCenterEmulator): void;
}

const SCENARIOS: Scenario[] = [
  { name: "a valid token, no refresh" },
  { name: "a refresh that works", session: { accessTokenExpired: true } },
  ...(
    [
      ["500", (emu) => emu.failNext("CreateToken", 3, 500)],
      ["hang", (emu) => emu.malformNext("CreateToken", 5, "hang")],
      ["invalid JSON", (emu) => emu.malformNext("CreateToken", 1, "invalid-json")],
      ["missing fields", (emu) => emu.malformNext("CreateToken", 1, "missing-fields")],
      ["empty body", (emu) => emu.malformNext("CreateToken", 1, "empty")],
      ["invalid_grant", (emu) => emu.failNext("CreateToken", 1, { status: 400, errorType: "InvalidGrantException", description: "Invalid refresh token" })],
      ["invalid_client", (emu) => emu.failNext("CreateToken", 1, { status: 401, errorType: "InvalidClientException" })],
      ["slow_down", (emu) => emu.failNext("CreateToken", 1, { status: 400, errorType: "SlowDownException" })],
      ["expiresIn 1e12 (clamped)", (emu) => emu.configure({ accessTokenTtlSeconds: 1e12 })],
    ] as [string, (emu: IdentityCenterEmulator) => void][]
  ).flatMap(([name, inject]) => [
    { name: `CreateToken ${name}, token expired`, session: { accessTokenExpired: true }, inject },
    { name: `CreateToken ${name}, token still valid`, session: { accessTokenTtlSeconds: 120 }, init: { refreshWindowSeconds: 300 }, inject },
  ]),
  ...(
    [
      ["401 (refreshed, then retried)", (emu) => emu.failNext("GetRoleCredentials", 1, 401)],
      ["401 twice (refreshed, refused again)", (emu) => emu.failNext("GetRoleCredentials", 2, 401)],
      ["403", (emu) => emu.failNext("GetRoleCredentials", 1, 403)],
      ["429", (emu) => emu.failNext("GetRoleCredentials", 3, 429)],
      ["500", (emu) => emu.failNext("GetRoleCredentials", 3, 500)],
      ["hang", (emu) => emu.malformNext("GetRoleCredentials", 5, "hang")],
      ["invalid JSON", (emu) => emu.malformNext("GetRoleCredentials", 1, "invalid-json")],
      ["missing fields", (emu) => emu.malformNext("GetRoleCredentials", 1, "missing-fields")],
    ] as [string, (emu: IdentityCenterEmulator) => void][]
  ).map(([name, inject]) => ({ name: `GetRoleCredentials ${name}`, inject })),
  { name: "an expired client registration", session: { accessTokenExpired: true }, cache: { registrationExpiresAt: "2020-01-01T00:00:00Z" } },
  { name: "a revoked refresh token", session: { accessTokenExpired: true }, before: (w) => void w.emu.issuedRefreshTokens.forEach((rt) => w.emu.revokeRefreshToken(rt)) },
  {
    name: "a cache file cut short in the middle of its tokens",
    before: async (w) => {
      const text = await w.cacheText();
      await writeFile(w.path, text.slice(0, text.indexOf('"clientSecret"') + 30));
    },
  },
  {
    name: "a cache file with a wrongly typed field beside its tokens",
    before: async (w) => {
      const record = JSON.parse(await w.cacheText()) as Record<string, unknown>;
      await writeFile(w.path, JSON.stringify({ ...record, expiresAt: { at: record.accessToken } }));
    },
  },
  {
    name: "a lock held by another process until the wait runs out",
    session: { accessTokenExpired: true },
    init: { lock: { waitTimeoutMs: 200 } },
    before: async (w) => {
      await mkdir(`${w.path}.lock`);
    },
  },
  {
    name: "a cache file nobody may write (chattr +i)",
    session: { accessTokenExpired: true },
    before: (w) => {
      try {
        execFileSync("chattr", ["+i", w.path], { stdio: "ignore" });
      } catch {
        // not available here: the scenario still runs, as a plain refresh
      }
    },
  },
];

test("no token, client secret or secret key in any error, cause, log line or token object", async (t) => {
  const secrets = new Set<string>(["emu-at-truncated"]);
  const outputs: { scenario: string; what: string; text: string }[] = [];
  let errors = 0;
  let returned = 0;
  let logLines = 0;

  for (const scenario of SCENARIOS) {
    const w = await providerWorld({ session: scenario.session, cache: scenario.cache });
    try {
      const cached = JSON.parse(await w.cacheText()) as Record<string, string>;
      for (const field of ["accessToken", "refreshToken", "clientSecret"]) secrets.add(cached[field] as string);
      await scenario.before?.(w);
      scenario.inject?.(w.emu);
      // Our lines at every level, and the SDK clients' own (they log their requests at debug).
      const record = (source: string) => (level: string) => (...args: unknown[]) => {
        logLines++;
        // As the most thorough logger would render them: hidden properties too (the SDK's errors keep
        // the raw HTTP exchange, request headers included, in a non-enumerable property).
        const text = args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: Infinity, showHidden: true }))).join(" ");
        outputs.push({ scenario: scenario.name, what: `${source} ${level} log`, text });
      };
      const logger = (source: string) => ({ trace: record(source)("trace"), debug: record(source)("debug"), info: record(source)("info"), warn: record(source)("warn"), error: record(source)("error") });
      const provider = w.provider({
        logger: logger("provider"),
        clientConfig: { endpoint: w.emu.url, logger: logger("sdk client") },
        requestTimeoutMs: 1_000,
        ...scenario.init,
        lock: { peerRefreshWaitMs: 100, ...scenario.init?.lock },
      });
      try {
        // The returned credentials are where the secret key belongs; everywhere else it must not be.
        const credentials = await provider();
        secrets.add(credentials.secretAccessKey);
        secrets.add(credentials.sessionToken);
        returned++;
      } catch (error) {
        errors++;
        for (const text of renderings(error)) outputs.push({ scenario: scenario.name, what: "error", text });
      }
      // Our token objects, as a debugger or a careless log line would show them.
      const token = await readTokenFile(w.path, { ssoSession: "my-sso" }).catch(() => undefined);
      if (token !== undefined) {
        for (const text of [String(token), `${token}`, inspect(token, { depth: Infinity, showHidden: true }), JSON.stringify(token), JSON.stringify({ token })]) {
          outputs.push({ scenario: scenario.name, what: "CachedSsoToken", text });
        }
      }
    } finally {
      execFileSync("chattr", ["-i", w.path], { stdio: "ignore" });
      // Every secret the emulator handed out in this scenario: new access and refresh tokens, role keys.
      const after = await readFile(w.path, "utf8").catch(() => "");
      for (const match of after.matchAll(/"(accessToken|refreshToken)":"([^"]+)"/g)) secrets.add(match[2] as string);
      for (const rt of w.emu.issuedRefreshTokens) secrets.add(rt);
      await w.close();
    }
  }

  // A parsed token, directly: what a bug report might paste.
  const sample = CachedSsoToken.fromJson(
    ({ accessToken: "known-at", refreshToken: "known-rt", clientSecret: "known-cs", clientId: "cid", expiresAt: "2031-01-01T00:00:00Z" }),
    "/x.json",
    {},
  );
  for (const secret of ["known-at", "known-rt", "known-cs"]) secrets.add(secret);
  for (const text of [String(sample), inspect(sample, { showHidden: true, depth: Infinity }), JSON.stringify(sample), JSON.stringify(sample.withRefresh({ accessToken: "known-at2", expiresInSeconds: 60 }, Date.now()))]) {
    outputs.push({ scenario: "CachedSsoToken.fromJson", what: "CachedSsoToken", text });
  }
  secrets.add("known-at2");

  for (const secret of secrets) if (typeof secret !== "string" || secret.length < 8) secrets.delete(secret);
  const leaks = outputs.flatMap(({ scenario, what, text }) =>
    [...secrets].filter((secret) => text.includes(secret)).map((secret) => `${scenario}: ${what} contains ${secret.slice(0, 12)}…`),
  );
  t.diagnostic(`${SCENARIOS.length} scenarios, ${returned} credentials returned, ${errors} errors (with their causes), ${logLines} log lines, ${outputs.length} texts, ${secrets.size} secret values checked`);
  assert.deepEqual([...new Set(leaks)], []);
  assert.ok(errors >= 20, "the error paths ran");
  assert.ok(returned >= 5, "the paths that succeed ran, so their secret keys were checked too");
});

// The role credential cache and role chains: the same promise on the new paths. The cache files and
// the returned credentials are where role keys belong; errors, log lines (ours and the SDK STS
// client's at debug) and our cache entry objects must not carry a token, secret key or session token.
test("role cache and STS: no token, secret key or session token in any error, cause, log line or cache entry object", async (t) => {
  const { chainWorld, ROLE_A } = await import("../role-credentials/chainWorld.js");
  const { RoleCacheEntry } = await import("../../src/role-credentials/RoleCacheEntry.js");
  const { readRoleCacheFile } = await import("../../src/role-credentials/readRoleCacheFile.js");
  const { readdir: listDir, chmod: setMode } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const MFA = "arn:aws:iam::111122223333:mfa/me";
  const scenarios: { name: string; profile: string; init?: FromSSOInit; before?(w: ProviderWorld, dir: string): Promise<void> | void }[] = [
    { name: "a chain, fetched and cached", profile: "admin" },
    { name: "AssumeRole AccessDenied", profile: "deploy", before: (w) => w.emu.setRoleTrust(ROLE_A, { deny: true }) },
    { name: "AssumeRole 500", profile: "deploy", before: (w) => w.emu.failNext("AssumeRole", 3, 500) },
    { name: "AssumeRole throttled", profile: "deploy", before: (w) => w.emu.throttleNext("AssumeRole", 3) },
    { name: "AssumeRole truncated XML", profile: "deploy", before: (w) => w.emu.malformNext("AssumeRole", 1, "invalid-json") },
    { name: "AssumeRole without Credentials", profile: "deploy", before: (w) => w.emu.malformNext("AssumeRole", 1, "missing-fields") },
    { name: "AssumeRole hangs", profile: "deploy", before: (w) => w.emu.malformNext("AssumeRole", 5, "hang") },
    { name: "MFA without a code provider", profile: "mfa" },
    { name: "MFA with a wrong code", profile: "mfa", init: { mfaCodeProvider: async () => "000000" }, before: (w) => w.emu.setRoleTrust(ROLE_A, { mfaSerial: MFA, mfaTokenCode: "123456" }) },
    { name: "a roleAssumer that throws with the source keys in its message", profile: "deploy", init: { roleAssumer: async (source) => { throw new Error(`boom ${source.secretAccessKey} ${source.sessionToken ?? ""}`); } } },
    {
      name: "corrupt and untrusted cache entries holding secrets",
      profile: "admin",
      before: async (w, dir) => {
        await cachedChain(w, dir);
        const names = await listDir(dir);
        for (const [index, name] of names.entries()) {
          const path = join(dir, name);
          const text = await readFile(path, "utf8");
          if (index === 0) await writeFile(path, text.slice(0, text.indexOf("SessionToken") + 40));
          else if (index === 1) await setMode(path, 0o666);
          else await writeFile(path, text.replace(/"Expiration": "[^"]+"/, '"Expiration": {"at": "x"}'));
        }
      },
    },
  ];
  const secrets = new Set<string>();
  const outputs: { scenario: string; what: string; text: string }[] = [];
  let errors = 0;
  let returned = 0;
  async function cachedChain(w: ProviderWorld, dir: string): Promise<void> {
    const credentials = await w.provider({ profile: "admin", roleCredentialCache: dir })();
    secrets.add(credentials.secretAccessKey).add(credentials.sessionToken);
  }
  for (const scenario of scenarios) {
    const w = await chainWorld({ extra: ["[profile mfa]", `role_arn = ${ROLE_A}`, "source_profile = dev", `mfa_serial = ${MFA}`, ""].join("\n") });
    const dir = join(w.fixture.home, ".aws", "cli", "cache");
    try {
      const cached = JSON.parse(await w.cacheText()) as Record<string, string>;
      for (const field of ["accessToken", "refreshToken", "clientSecret"]) secrets.add(cached[field] as string);
      await scenario.before?.(w, dir);
      const record = (source: string) => (level: string) => (...args: unknown[]) => {
        const text = args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: Infinity, showHidden: true }))).join(" ");
        outputs.push({ scenario: scenario.name, what: `${source} ${level} log`, text });
      };
      const logger = (source: string) => ({ trace: record(source)("trace"), debug: record(source)("debug"), info: record(source)("info"), warn: record(source)("warn"), error: record(source)("error") });
      try {
        const credentials = await w.provider({
          profile: scenario.profile,
          roleCredentialCache: dir,
          logger: logger("provider"),
          clientConfig: { endpoint: w.emu.url, logger: logger("sdk client") },
          requestTimeoutMs: 1_000,
          ...scenario.init,
        })();
        secrets.add(credentials.secretAccessKey).add(credentials.sessionToken);
        returned++;
      } catch (error) {
        errors++;
        for (const text of renderings(error)) outputs.push({ scenario: scenario.name, what: "error", text });
      }
      // Every role key written to the cache (SSO and assumed), and our entry objects for them.
      for (const name of await listDir(dir).catch(() => [] as string[])) {
        const text = await readFile(join(dir, name), "utf8").catch(() => "");
        for (const match of text.matchAll(/"(SecretAccessKey|SessionToken)": "([^"]+)"/g)) secrets.add(match[2] as string);
        const read = await readRoleCacheFile(join(dir, name));
        if (read.kind === "entry") {
          for (const rendering of [String(read.entry), inspect(read.entry, { depth: Infinity, showHidden: true }), JSON.stringify(read.entry), JSON.stringify({ read })]) {
            outputs.push({ scenario: scenario.name, what: "RoleCacheEntry", text: rendering });
          }
        }
      }
    } finally {
      for (const rt of w.emu.issuedRefreshTokens) secrets.add(rt);
      await w.close();
    }
  }
  const sample = RoleCacheEntry.fromJson({ Credentials: { AccessKeyId: "ASIASAMPLE", SecretAccessKey: "known-role-secret", SessionToken: "known-role-session", Expiration: "2099-01-01T00:00:00Z" } });
  secrets.add("known-role-secret").add("known-role-session");
  for (const rendering of [String(sample), inspect(sample, { showHidden: true, depth: Infinity }), JSON.stringify(sample)]) outputs.push({ scenario: "RoleCacheEntry.fromJson", what: "RoleCacheEntry", text: rendering });

  for (const secret of secrets) if (typeof secret !== "string" || secret.length < 8) secrets.delete(secret);
  const leaks = outputs.flatMap(({ scenario, what, text }) =>
    [...secrets].filter((secret) => text.includes(secret)).map((secret) => `${scenario}: ${what} contains ${secret.slice(0, 12)}…`),
  );
  t.diagnostic(`${scenarios.length} scenarios, ${returned} credentials returned, ${errors} errors, ${outputs.length} texts, ${secrets.size} secret values checked`);
  assert.deepEqual([...new Set(leaks)], []);
  assert.ok(errors >= 8, "the error paths ran");
  assert.ok(returned >= 2, "the paths that succeed ran");
});

// The login paths: the client secret, tokens, device code and code verifier (and the authorization
// code) cross the wire during a login; none of them may be in a prompt, a log line (ours or the SDK
// clients'), an error, a result, a note we leave in the cache, or the CLI's output. What went over
// the wire is known exactly: the emulator sits behind a recording proxy. The user code and the
// verification and authorize URLs are meant for the user and may be shown.
test("no token, client secret, device code or code verifier in anything a login, logout or list produces", async (t) => {
  const outputs: { scenario: string; what: string; text: string }[] = [];
  const secrets = new Set<string>();
  let errors = 0;
  const record = (scenario: string, what: string, value: unknown): void => {
    for (const text of renderings(value)) outputs.push({ scenario, what, text });
  };
  const visit = async (url: string) => {
    await visitLikeABrowser(url);
    return { opened: true as const };
  };

  interface LoginScenario {
    name: string;
    emulator?: EmulatorOptions;
    run(w: LoginWorld, options: LoginOptions): Promise<unknown>;
  }
  const approving = (w: LoginWorld) => (prompt: LoginPrompt) => {
    if (prompt.type === "enter-code") w.emu.approveDevice(prompt.userCode);
  };
  const scenarios: LoginScenario[] = [
    { name: "PKCE", run: (w, o) => login({ ...o, browser: visit }) },
    { name: "PKCE denied", run: (w, o) => (w.emu.denyNextAuthorize(), login({ ...o, browser: visit })) },
    { name: "PKCE CreateToken 500", run: (w, o) => (w.emu.failNext("CreateToken", 1, 500), login({ ...o, browser: visit })) },
    { name: "PKCE CreateToken invalid_grant", run: (w, o) => (w.emu.failNext("CreateToken", 1, { errorType: "InvalidGrantException", description: "bad code" }), login({ ...o, browser: visit })) },
    { name: "PKCE CreateToken invalid JSON", run: (w, o) => (w.emu.malformNext("CreateToken", 1, "invalid-json"), login({ ...o, browser: visit })) },
    { name: "RegisterClient invalid JSON", run: (w, o) => (w.emu.malformNext("RegisterClient", 1, "invalid-json"), login({ ...o, browser: visit })) },
    { name: "device", emulator: { devicePollIntervalSeconds: 1 }, run: (w, o) => login({ ...o, flow: "device", onPrompt: (p) => (o.onPrompt?.(p), approving(w)(p)) }) },
    { name: "device denied", emulator: { devicePollIntervalSeconds: 1, authorizeOutcome: "deny" }, run: (w, o) => login({ ...o, flow: "device", browser: visit }) },
    { name: "device StartDeviceAuthorization invalid JSON", run: (w, o) => (w.emu.malformNext("StartDeviceAuthorization", 1, "invalid-json"), login({ ...o, flow: "device" })) },
    {
      name: "device CreateToken failing three times",
      emulator: { devicePollIntervalSeconds: 1 },
      run: (w, o) => (w.emu.failNext("CreateToken", 3, { status: 500, message: "boom" }), login({ ...o, flow: "device" })),
    },
    {
      name: "two logins at once (one waits)",
      emulator: { devicePollIntervalSeconds: 1 },
      // Both approve: on a loaded machine the second may start after the first has finished, and then
      // (being a login asked for) runs its own flow rather than wait for one.
      run: (w, o) =>
        Promise.all([
          login({ ...o, flow: "device", signal: AbortSignal.timeout(60_000), onPrompt: (p) => (o.onPrompt?.(p), approving(w)(p)) }),
          login({ ...o, flow: "device", signal: AbortSignal.timeout(60_000), onPrompt: (p) => (o.onPrompt?.(p), approving(w)(p)) }),
        ]),
    },
    {
      name: "logout, with a failing Logout call",
      run: async (w, o) => {
        await login({ ...o, browser: visit });
        w.emu.failNext("Logout", 1, { errorType: "UnauthorizedException", status: 401 });
        return logout({ ...o, ssoClient: undefined });
      },
    },
    {
      name: "list, and list with a refused token",
      run: async (w, o) => {
        await login({ ...o, browser: visit });
        const listed = await listSessionAccounts(o);
        w.emu.failNext("ListAccounts", 2, 401);
        return [listed, await listSessionAccounts(o).catch((error: unknown) => error)];
      },
    },
  ];

  for (const scenario of scenarios) {
    await t.test(scenario.name, async (tt) => {
      const w = await loginWorld(tt, scenario.emulator);
      const line = (source: string) => (level: string) => (...args: unknown[]) =>
        outputs.push({ scenario: scenario.name, what: `${source} ${level} log`, text: args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: Infinity, showHidden: true }))).join(" ") });
      const logger = (source: string) => ({ trace: line(source)("trace"), debug: line(source)("debug"), info: line(source)("info"), warn: line(source)("warn"), error: line(source)("error") });
      const options = w.options({
        logger: logger("login"),
        clientConfig: { endpoint: w.proxy.url, maxAttempts: 1, logger: logger("sdk client") },
        requestTimeoutMs: 5000,
        onPrompt: (prompt) => {
          record(scenario.name, "prompt", prompt);
          outputs.push({ scenario: scenario.name, what: "rendered prompt", text: renderLoginPrompt(prompt) });
        },
      });
      try {
        record(scenario.name, "result", await scenario.run(w, options));
      } catch (error) {
        errors++;
        record(scenario.name, "error", error);
      }
      for (const name of await readdir(w.fixture.cacheDir)) {
        if (!name.startsWith(".")) continue;
        outputs.push({ scenario: scenario.name, what: `note ${name}`, text: await readFile(join(w.fixture.cacheDir, name), "utf8").catch(() => "") });
      }
      for (const secret of w.proxy.secrets()) secrets.add(secret);
    });
  }

  // The CLI, as a user runs it, with --verbose: login (device), list, logout.
  assertBuilt();
  await t.test("the CLI with --verbose", async (tt) => {
    const w = await loginWorld(tt, { devicePollIntervalSeconds: 1 });
    const env = cliEnv(w.fixture, w.proxy.url);
    const child = startCli(["login", "--profile", "dev", "--use-device-code", "--no-browser", "--verbose"], env);
    const device = await w.emu.waitForPendingDevice(60_000);
    // Approved once it is shown (an approval before the first poll needs no prompt at all).
    for (let turn = 0; !child.stderr().includes(device.userCode) && turn < 3000; turn++) await new Promise((resolve) => setTimeout(resolve, 20));
    w.emu.approveDevice(device.userCode);
    const results = [await child.done, await runCli(["list", "--profile", "dev", "--verbose"], env), await runCli(["logout", "--profile", "dev", "--verbose"], env)];
    assert.deepEqual(results.map((result) => result.code), [0, 0, 0], results.map((result) => result.stderr).join("\n"));
    assert.match(results[0]?.stderr ?? "", new RegExp(device.userCode), "the user code is shown");
    for (const [i, result] of results.entries()) outputs.push({ scenario: "CLI", what: `run ${i} stdout+stderr`, text: result.stdout + result.stderr });
    for (const secret of w.proxy.secrets()) secrets.add(secret);
  });

  for (const secret of secrets) if (secret.length < 8) secrets.delete(secret);
  const leaks = outputs.flatMap(({ scenario, what, text }) =>
    [...secrets].filter((secret) => text.includes(secret)).map((secret) => `${scenario}: ${what} contains ${secret.slice(0, 12)}…`),
  );
  t.diagnostic(`${scenarios.length + 1} login scenarios, ${errors} errors (with their causes), ${outputs.length} texts, ${secrets.size} secret values checked`);
  assert.deepEqual([...new Set(leaks)], []);
  assert.ok(errors >= 7, "the error paths ran");
  assert.ok(secrets.size >= 20, "the secrets of the wire were collected");
});
