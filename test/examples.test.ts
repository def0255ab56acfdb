import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { IdentityCenterEmulator } from "./emulator/index.js";
import { ACCOUNT_ID, makeSsoFixture, sessionProfileConfig, writeCachedToken, type SsoFixture } from "./helpers/ssoFixture.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const START_URL = "https://emulator.awsapps.com/start";

let emu: IdentityCenterEmulator;
let fixture: SsoFixture;
before(async () => {
  emu = new IdentityCenterEmulator();
  await emu.start();
  fixture = await makeSsoFixture(sessionProfileConfig({ startUrl: START_URL }));
});
after(async () => {
  await emu.stop();
  await fixture.cleanup();
});

function example(script: string) {
  return run(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: fixture.home,
      AWS_PROFILE: "dev",
      AWS_ENDPOINT_URL_SSO: emu.url,
      AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  });
}

test("the plain script tells the user to log in when there is no token, then prints credentials after a login", async () => {
  await assert.rejects(example("examples/plain-script.ts"), (error: { code?: number; stderr?: string }) => {
    assert.equal(error.code, 2);
    assert.match(error.stderr ?? "", /Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso/);
    return true;
  });
  await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL, accessTokenExpired: true }));
  const { stdout } = await example("examples/plain-script.ts");
  assert.match(stdout, new RegExp(`account: +${ACCOUNT_ID}`));
  assert.match(stdout, /access key: ASIA…/);
  assert.equal(emu.calls.CreateToken, 1);
});

test("the Lambda handler runs locally with the profile's credentials", async () => {
  await writeCachedToken(fixture.cacheDir, "my-sso", emu.issueSession({ startUrl: START_URL }));
  const { stdout } = await example("examples/lambda/invoke-local.ts");
  const result = JSON.parse(stdout) as { statusCode: number; body: string };
  assert.equal(result.statusCode, 200);
  assert.equal(JSON.parse(result.body).accountId, ACCOUNT_ID);
});
