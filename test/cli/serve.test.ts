// `aws-sso-creds serve` and `exec --serve`, the built CLI as a real process against the emulator.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { isLoopback, reachWarning } from "../../src/cli/serveCommand.js";
import { askEndpoint, TWO_PROFILES_CONFIG } from "../server/helpers/endpointWorld.js";
import { writeCachedToken } from "../helpers/ssoFixture.js";
import { assertNoSecret, cliWorld, runCli, startCli, type CliProcess } from "./cliHarness.js";

const ENDPOINT_CHILD = fileURLToPath(new URL("../server/fixtures/endpointChild.mjs", import.meta.url));

interface Printed {
  url: string;
  port: number;
  path: string;
  token: string;
  variables: Record<string, string>;
}

/** Waits for `serve --format json` to print its variables, and reads them. */
async function printedVariables(cli: CliProcess): Promise<Printed> {
  await cli.waitForStdout("}\n");
  const variables = JSON.parse(cli.stdout()) as Record<string, string>;
  const url = new URL(variables.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? "");
  return { url: url.href, port: Number(url.port), path: url.pathname, token: variables.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? "", variables };
}

test("serve prints the variables, serves the profile until SIGTERM or SIGINT, then closes cleanly with 0", async (t) => {
  const w = await cliWorld(t);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const cli = startCli(["serve", "--profile", "dev", "--format", "json"], w.env);
    const printed = await printedVariables(cli);
    assert.deepEqual(Object.keys(printed.variables), ["AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"]);
    assert.match(printed.url, /^http:\/\/127\.0\.0\.1:\d+\/profiles\/dev$/);
    assert.match(printed.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(printed.variables.AWS_REGION, "eu-west-1");
    const reply = await askEndpoint(printed.port, printed.path, { token: printed.token });
    assert.equal(reply.status, 200, reply.body);
    assert.equal(reply.json?.AccessKeyId, w.emu.issuedRoleCredentials.at(-1)?.accessKeyId);
    cli.child.kill(signal);
    const result = await cli.done;
    assert.equal(result.code, 0, `${signal}: ${result.stderr}`);
    assert.equal(result.signal, null);
    assert.match(result.stderr, /serving profile "dev" at http:\/\/127\.0\.0\.1:\d+\/profiles\/dev until interrupted/);
    assert.match(result.stderr, /endpoint stopped\n$/);
    assertNoSecret(result.stderr, [...w.secrets(), printed.token, String(reply.json?.SecretAccessKey), String(reply.json?.Token)], "stderr");
    await assert.rejects(askEndpoint(printed.port, printed.path, { token: printed.token }), /ECONNREFUSED/, "the port is released");
  }
  assert.equal(w.emu.calls.GetRoleCredentials, 1, "the first run's warm-up, reused by its request and, through the AWS CLI's role cache, by the second run");
});

test("serve --format sh|fish|powershell|dotenv: the same variables, quoted for each; sh output works with eval", async (t) => {
  const w = await cliWorld(t);
  const expected: Record<string, RegExp> = {
    sh: /^export AWS_CONTAINER_CREDENTIALS_FULL_URI='http:\/\/127\.0\.0\.1:\d+\/profiles\/dev'\nexport AWS_CONTAINER_AUTHORIZATION_TOKEN='[\w-]{43}'\nexport AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'\n$/,
    fish: /^set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI 'http:\/\/127\.0\.0\.1:\d+\/profiles\/dev'\nset -gx AWS_CONTAINER_AUTHORIZATION_TOKEN '[\w-]{43}'\n/,
    powershell: /^\$env:AWS_CONTAINER_CREDENTIALS_FULL_URI = 'http:\/\/127\.0\.0\.1:\d+\/profiles\/dev'\n\$env:AWS_CONTAINER_AUTHORIZATION_TOKEN = '[\w-]{43}'\n/,
    dotenv: /^AWS_CONTAINER_CREDENTIALS_FULL_URI=http:\/\/127\.0\.0\.1:\d+\/profiles\/dev\nAWS_CONTAINER_AUTHORIZATION_TOKEN=[\w-]{43}\nAWS_REGION=eu-west-1\n/,
  };
  for (const [format, pattern] of Object.entries(expected)) {
    const cli = startCli(["serve", "--profile", "dev", "--format", format], w.env);
    await cli.waitForStdout("AWS_DEFAULT_REGION");
    while (!cli.stdout().endsWith("\n")) await new Promise((resolve) => setTimeout(resolve, 10));
    const output = cli.stdout();
    if (format === "sh") {
      const evaluated = await runCli(["exec", "--profile", "dev", "--", "sh", "-c", `eval "$1"; printf '%s %s' "$AWS_CONTAINER_CREDENTIALS_FULL_URI" "\${#AWS_CONTAINER_AUTHORIZATION_TOKEN}"`, "sh", output], w.env);
      assert.match(evaluated.stdout, /^http:\/\/127\.0\.0\.1:\d+\/profiles\/dev 43$/, evaluated.stderr);
    }
    cli.child.kill("SIGTERM");
    await cli.done;
    assert.match(output, pattern, `${format}: ${output}`);
  }
  for (const bad of [["--format", "sam"], ["--format", "xml"], ["--port", "65536"], ["--port", "-1"], ["--port", "80a"], ["--host", "example.com"], ["--bogus"]]) {
    const result = await runCli(["serve", "--profile", "dev", ...bad], w.env);
    assert.equal(result.code, 64, `${bad.join(" ")}: ${result.stderr}`);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /Run "aws-sso-creds serve --help" for usage/);
  }
});

test("serve --profile twice: one port and token, a path each; the variables point at the first; stderr lists both", async (t) => {
  const w = await cliWorld(t, { config: TWO_PROFILES_CONFIG });
  const cli = startCli(["serve", "--profile", "ops", "--profile", "dev", "--format", "json"], w.env);
  const printed = await printedVariables(cli);
  assert.equal(printed.path, "/profiles/ops");
  assert.equal(printed.variables.AWS_REGION, undefined, "ops sets no region");
  const [ops, dev] = await Promise.all([
    askEndpoint(printed.port, "/profiles/ops", { token: printed.token }),
    askEndpoint(printed.port, "/profiles/dev", { token: printed.token }),
  ]);
  assert.equal(ops.status, 200, ops.body);
  assert.equal(dev.status, 200, dev.body);
  assert.match(w.emu.accessKeyInfo(String(ops.json?.AccessKeyId))?.arn ?? "", /_Administrator_/);
  assert.match(w.emu.accessKeyInfo(String(dev.json?.AccessKeyId))?.arn ?? "", /_ReadOnly_/);
  cli.child.kill("SIGTERM");
  const result = await cli.done;
  assert.match(result.stderr, /serving profile "ops" at http:\/\/127\.0\.0\.1:\d+\/profiles\/ops, profile "dev" at http:\/\/127\.0\.0\.1:\d+\/profiles\/dev/);
});

test("serve: a port in use is exit 78 naming the port; a profile that does not exist is 78 before anything is printed", async (t) => {
  const w = await cliWorld(t);
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  const port = (blocker.address() as { port: number }).port;
  const busy = await runCli(["serve", "--profile", "dev", "--port", String(port)], w.env);
  assert.equal(busy.code, 78);
  assert.equal(busy.stdout, "");
  assert.equal(busy.stderr, `aws-sso-creds: Port ${port} is already in use on 127.0.0.1, so the credentials endpoint cannot listen on 127.0.0.1:${port} (another aws-sso-creds serve, or another program). Choose another port with --port N, or leave --port out for a free one.\n`);
  const missing = await runCli(["serve", "--profile", "nope"], w.env);
  assert.equal(missing.code, 78);
  assert.equal(missing.stdout, "");
  assert.match(missing.stderr, /Profile "nope" was not found/);
});

test("serve with a login needed: it says so and serves the error (401, the fix in the Message); after the login, credentials", async (t) => {
  const w = await cliWorld(t, { noToken: true });
  const cli = startCli(["serve", "--profile", "dev", "--format", "json"], w.env);
  const printed = await printedVariables(cli);
  assert.equal(printed.variables.AWS_REGION, "eu-west-1", "the region, from the config, though no credentials could be had");
  assert.match(cli.stderr(), /could not get credentials for profile "dev": No cached SSO token at .*Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso/);
  assert.match(cli.stderr(), /requests for profile "dev" get that error \(HTTP 401 SsoTokenNotFoundError\) until it is fixed; the endpoint keeps running/);
  const refused = await askEndpoint(printed.port, printed.path, { token: printed.token });
  assert.equal(refused.status, 401);
  assert.equal(refused.json?.Code, "SsoTokenNotFoundError");
  assert.match(String(refused.json?.Message), /Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso$/);
  await writeCachedToken(w.fixture.cacheDir, "my-sso", w.session);
  let served = refused;
  for (let attempt = 0; attempt < 100 && served.status !== 200; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    served = await askEndpoint(printed.port, printed.path, { token: printed.token });
  }
  assert.equal(served.status, 200, served.body);
  cli.child.kill("SIGINT");
  assert.equal((await cli.done).code, 0);
});

test("--host: loopback addresses need no warning; any other gets one saying who can reach it", () => {
  for (const host of ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"]) assert.equal(isLoopback(host), true, host);
  for (const host of ["0.0.0.0", "::", "172.17.0.1", "192.168.1.5", "fd00::1"]) assert.equal(isLoopback(host), false, host);
  assert.equal(
    reachWarning("0.0.0.0", 9911, ["dev"]),
    "warning: the endpoint listens on 0.0.0.0:9911, not on a loopback address, so it can be reached from every network this machine is on: " +
      "other machines on the same LAN, Wi-Fi or VPN, and every container and virtual machine on this one. Anyone who can connect and has the " +
      'token gets the credentials of profile "dev" (/profiles/dev). Leave --host out (127.0.0.1) unless you need this, and stop the endpoint when done.',
  );
  assert.match(reachWarning("172.17.0.1", 9911, ["dev", "ops"]), /reached from whatever can reach 172\.17\.0\.1: the containers, virtual machines or other machines on that network/);
});

test("serve --host 127.0.0.2 --port N: listens there (no warning: still loopback), and the URL says so", async (t) => {
  const w = await cliWorld(t);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const cli = startCli(["serve", "--profile", "dev", "--host", "127.0.0.2", "--port", String(port), "--format", "json"], w.env);
  const printed = await printedVariables(cli);
  assert.equal(printed.url, `http://127.0.0.2:${port}/profiles/dev`);
  cli.child.kill("SIGTERM");
  const result = await cli.done;
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /warning/);
});

test("serve --help documents the paths, the variables, every option, the answers, security and the signals", async () => {
  const outputs = new Set<string>();
  for (const args of [["serve", "--help"], ["serve", "-h"], ["help", "serve"], ["serve", "--profile", "x", "--help"]]) {
    const result = await runCli(args, { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent" });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    outputs.add(result.stdout);
  }
  assert.equal(outputs.size, 1);
  const [help = ""] = outputs;
  assert.match(help, /^Usage: aws-sso-creds serve \[--profile P\]\.\.\. \[--port N\] \[--host ADDR\] \[--format F\] \[--verbose\]/);
  for (const needle of [
    "GET /profiles/<name>",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_REGION",
    "--port N",
    "--host ADDR",
    "--format F",
    "sh, fish, powershell, dotenv, json",
    "SIGINT (Ctrl-C), SIGTERM or SIGHUP",
    "127.0.0.1",
    "DNS rebinding",
    "only GET",
    "401",
    "403 InvalidHost",
    "502",
    "169.254.170.2",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "exec --serve",
    "node_modules/aws-sso-credential-provider/README.md",
    "Exit codes:",
    "port is in use",
  ]) {
    assert.ok(help.includes(needle), `serve --help mentions ${needle}`);
  }
  const exec = await runCli(["exec", "--help"], { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent" });
  assert.match(exec.stdout, /^Usage: aws-sso-creds exec \[--serve\]/);
  assert.match(exec.stdout, /^ {2}--serve +run COMMAND with a refreshing credentials endpoint/m);
  const main = await runCli(["--help"], { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent" });
  assert.match(main.stdout, /^ {2}serve +serve refreshing credentials/m);
});

test("exec --serve: the command gets the endpoint's URL and token and the region, no keys, no conflicting variables; its exit code passes through; the endpoint stops with it", async (t) => {
  const w = await cliWorld(t);
  const conflicting = {
    AWS_PROFILE: "other",
    AWS_ACCESS_KEY_ID: "AKIAOLD",
    AWS_SECRET_ACCESS_KEY: "old-secret",
    AWS_SESSION_TOKEN: "old-token",
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/old",
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: "/old/token",
    AWS_WEB_IDENTITY_TOKEN_FILE: "/nonexistent",
  };
  const result = await runCli(["exec", "--serve", "--profile", "dev", "--", process.execPath, ENDPOINT_CHILD, "42"], { ...w.env, ...conflicting });
  assert.equal(result.code, 42, result.stderr);
  const seen = JSON.parse(result.stdout) as { env: Record<string, string>; answer: { status: number; accessKeyId: string } };
  assert.match(seen.env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? "", /^http:\/\/127\.0\.0\.1:\d+\/profiles\/dev$/);
  assert.equal(seen.env.AWS_CONTAINER_AUTHORIZATION_TOKEN, "<43 characters>");
  assert.equal(seen.env.AWS_REGION, "eu-west-1");
  assert.equal(seen.env.AWS_DEFAULT_REGION, "eu-west-1");
  for (const name of [...Object.keys(conflicting), "AWS_CREDENTIAL_EXPIRATION", "AWS_ACCOUNT_ID", "AWS_SECURITY_TOKEN"]) {
    assert.ok(!(name in seen.env), `${name} is not given to the command`);
  }
  assert.equal(seen.answer.status, 200);
  assert.equal(seen.answer.accessKeyId, w.emu.issuedRoleCredentials[0]?.accessKeyId);
  assert.equal(w.emu.calls.GetRoleCredentials, 1, "the endpoint served the credentials exec got first");
  assert.equal(result.stderr, "");
  const port = Number(new URL(seen.env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? "").port);
  await assert.rejects(askEndpoint(port, "/profiles/dev", { token: "x" }), /ECONNREFUSED/, "the endpoint stopped with the command");
});

test("exec --serve: signals pass through as for exec; without credentials the command is not run (77)", async (t) => {
  const w = await cliWorld(t);
  const trapping = `process.on("SIGTERM", () => process.exit(115)); process.stdout.write("ready\\n"); setInterval(() => undefined, 1000);`;
  const cli = startCli(["exec", "--serve", "--profile", "dev", "--", process.execPath, "-e", trapping], w.env);
  await cli.waitForStdout("ready\n");
  cli.child.kill("SIGTERM");
  const result = await cli.done;
  assert.equal(result.signal, null);
  assert.equal(result.code, 115, result.stderr);
  const killed = await runCli(["exec", "--serve", "--profile", "dev", "--", "sh", "-c", "kill -KILL $$"], w.env);
  assert.equal(killed.code, 128 + 9);

  const noLogin = await cliWorld(t, { noToken: true });
  const marker = join(noLogin.fixture.home, "ran");
  const refused = await runCli(["exec", "--serve", "--profile", "dev", "--", "sh", "-c", `touch '${marker}'`], noLogin.env);
  assert.equal(refused.code, 77);
  assert.match(refused.stderr, /Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso/);
  assert.equal(existsSync(marker), false);
});

test("exec --serve with an http proxy set: 127.0.0.1 is added to NO_PROXY and no_proxy, keeping their entries", async (t) => {
  const w = await cliWorld(t);
  const result = await runCli(["exec", "--serve", "--profile", "dev", "--", process.execPath, ENDPOINT_CHILD], {
    ...w.env,
    HTTP_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "corp.example,.internal",
  });
  assert.equal(result.code, 0, result.stderr);
  const seen = JSON.parse(result.stdout) as { env: Record<string, string> };
  assert.equal(seen.env.NO_PROXY, "corp.example,.internal,127.0.0.1");
  assert.equal(seen.env.no_proxy, "corp.example,.internal,127.0.0.1");
  assert.equal(seen.env.HTTP_PROXY, "http://127.0.0.1:9");
  const plain = await runCli(["exec", "--serve", "--profile", "dev", "--", process.execPath, ENDPOINT_CHILD], w.env);
  const untouched = JSON.parse(plain.stdout) as { env: Record<string, string> };
  assert.ok(!("NO_PROXY" in untouched.env) && !("no_proxy" in untouched.env), "no proxy, nothing added");
});
