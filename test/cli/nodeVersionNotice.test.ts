// The AWS SDK's NodeVersionSupportWarning (nine lines on stderr, once per process that creates a client
// on a Node.js version the SDK's later releases drop) is not the CLI's to print: bin.ts opts its own
// process out. These runs have no opt-out in their environment (scripts/run-tests.mjs and cliEnv set
// one for every other test), so the SDK would print the notice if the CLI did not opt out.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { cliWorld, PACKAGE_ROOT, runCli, type CliWorld } from "./cliHarness.js";

const OPT_OUT = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";
const NOTICE = /NodeVersionSupportWarning|will require node/;
const PRINT_ENV = fileURLToPath(new URL("../fixtures/cliPrintEnv.mjs", import.meta.url));
/** Creates an SSO client, as every CLI command that fetches credentials does, and nothing else. */
const CREATE_CLIENT = `new (require("@aws-sdk/client-sso").SSOClient)({ region: "us-east-1" });`;

function withoutOptOut(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy[OPT_OUT];
  return copy;
}

/** The environment a user without the opt-out would have: the test world's, less the variable. */
function userEnv(w: CliWorld): NodeJS.ProcessEnv {
  return withoutOptOut(w.env);
}

function sdkNoticeWithoutOptOut(): string {
  const result = spawnSync(process.execPath, ["-e", CREATE_CLIENT], { cwd: PACKAGE_ROOT, env: withoutOptOut(process.env), encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return result.stderr;
}

// Without this the tests below could pass because the SDK is quiet on this Node.js, not because the CLI is.
const sdkWarnsHere = NOTICE.test(sdkNoticeWithoutOptOut());

test(`control: a plain process that creates an SSO client on Node.js ${process.versions.node} gets the SDK's notice`, (t) => {
  if (Number(process.versions.node.split(".")[0]) >= 22) {
    t.skip(`the installed SDK warns only on Node.js majors below 22; the tests below still check stderr`);
    return;
  }
  assert.ok(sdkWarnsHere, "the SDK printed no notice: the variable or the rule in @aws-sdk/core has changed");
});

for (const command of ["credential-process", "env"]) {
  test(`${command}: nothing on stderr, though it creates SDK clients and the user has no opt-out`, async (t) => {
    const w = await cliWorld(t);
    const result = await runCli([command, "--profile", "dev"], userEnv(w));
    assert.equal(result.code, 0, result.stderr);
    assert.equal(w.emu.calls.GetRoleCredentials, 1, "an SSO client was created and used");
    assert.doesNotMatch(result.stderr, NOTICE);
    assert.equal(result.stderr, "");
  });
}

test("exec: the command does not inherit the CLI's opt-out; its own SDK prints its own notice", async (t) => {
  const w = await cliWorld(t);
  const printed = await runCli(["exec", "--profile", "dev", "--", process.execPath, PRINT_ENV], userEnv(w));
  assert.equal(printed.code, 0, printed.stderr);
  assert.equal((JSON.parse(printed.stdout) as Record<string, string>)[OPT_OUT], undefined);

  const child = await runCli(["exec", "--profile", "dev", "--", process.execPath, "-e", CREATE_CLIENT], { ...userEnv(w), NODE_PATH: `${PACKAGE_ROOT}node_modules` });
  assert.equal(child.code, 0, child.stderr);
  assert.equal(NOTICE.test(child.stderr), sdkWarnsHere, `the command's stderr: ${child.stderr}`);
});

test("exec: a user's own opt-out reaches the command as the user set it", async (t) => {
  const w = await cliWorld(t);
  const printed = await runCli(["exec", "--profile", "dev", "--", process.execPath, PRINT_ENV], { ...userEnv(w), [OPT_OUT]: "true" });
  assert.equal(printed.code, 0, printed.stderr);
  assert.equal((JSON.parse(printed.stdout) as Record<string, string>)[OPT_OUT], "true");
});
