// `npm run demo`: the main job, offline. Starts the IAM Identity Center emulator on loopback,
// writes a temporary config and a token cache holding an expired token, then lets three
// providers (as three processes would) ask for credentials at once, and shows what happened.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { fromSSO } from "aws-sso-credential-provider";

import { startStandaloneEmulator } from "../test/emulator/index.js";
import { tokenCacheFilePath } from "../src/token/tokenCacheFilePath.js";

// The SDK warns that its 2027 releases need Node 22; that is not what this demo is about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const LATENCY_MS = 30;
const emulator = await startStandaloneEmulator(["--latency-ms", String(LATENCY_MS)]);
const home = await mkdtemp(join(tmpdir(), "sso-demo-"));
try {
  const configPath = join(home, ".aws", "config");
  const cacheDir = join(home, ".aws", "sso", "cache");
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  await writeFile(
    configPath,
    [
      "[profile demo]",
      "sso_session = demo-sso",
      "sso_account_id = 111122223333",
      "sso_role_name = ReadOnly",
      "",
      "[sso-session demo-sso]",
      "sso_start_url = https://emulator.awsapps.com/start",
      "sso_region = us-east-1",
      "sso_registration_scopes = sso:account:access",
      "",
    ].join("\n"),
  );
  // What `aws sso login --sso-session demo-sso` leaves behind, an hour later: an expired access token.
  const session = await emulator.control.issueSession({ accessTokenExpired: true });
  const cachePath = tokenCacheFilePath(cacheDir, "demo-sso");
  await writeFile(
    cachePath,
    JSON.stringify({
      startUrl: session.startUrl,
      region: "us-east-1",
      accessToken: session.accessToken,
      expiresAt: session.expiresAt.toISOString(),
      clientId: session.clientId,
      clientSecret: session.clientSecret,
      registrationExpiresAt: session.registrationExpiresAt.toISOString(),
      refreshToken: session.refreshToken,
    }),
    { mode: 0o600 },
  );

  // The standard endpoint overrides point both SDK clients at the emulator.
  process.env.AWS_ENDPOINT_URL_SSO = emulator.url;
  process.env.AWS_ENDPOINT_URL_SSO_OIDC = emulator.url;

  console.log(`emulator      ${emulator.url} (${LATENCY_MS} ms per call)`);
  console.log(`config        ${configPath}`);
  console.log(`token cache   ${cachePath}`);
  console.log(`token         expired at ${session.expiresAt.toISOString()}; the cache holds a refresh token\n`);

  const started = performance.now();
  const providers = ["A", "B", "C"].map((name) =>
    fromSSO({
      profile: "demo",
      configFilepath: configPath,
      cacheDir,
      logger: {
        debug: (message: unknown) => log(name, String(message)),
        info: (message: unknown) => log(name, String(message)),
        warn: (message: unknown) => log(name, `WARN ${String(message)}`),
        error: (message: unknown) => log(name, `ERROR ${String(message)}`),
      },
    }),
  );
  const results = await Promise.all(providers.map((provider) => provider()));
  const elapsed = performance.now() - started;

  console.log("");
  for (const [index, credentials] of results.entries()) {
    console.log(
      `provider ${"ABC"[index]}    accessKeyId ${credentials.accessKeyId.slice(0, 10)}…  secretAccessKey <redacted>  ` +
        `account ${credentials.accountId}  expires ${credentials.expiration.toISOString()}`,
    );
  }
  const { calls } = await emulator.control.calls();
  const cache = JSON.parse(await readFile(cachePath, "utf8")) as Record<string, string>;
  const { latest } = await emulator.control.refreshTokens();
  console.log(`\nservice calls CreateToken ${calls.CreateToken}, GetRoleCredentials ${calls.GetRoleCredentials}  (${elapsed.toFixed(0)} ms in all)`);
  console.log(
    `cache now     expiresAt ${cache.expiresAt}, refresh token rotated: ${cache.refreshToken !== session.refreshToken}, ` +
      `holds the newest: ${cache.refreshToken === latest}, mode ${((await stat(cachePath)).mode & 0o777).toString(8)}`,
  );
} finally {
  await emulator.stop();
  await rm(home, { recursive: true, force: true });
}

function log(provider: string, message: string): void {
  console.log(`[${provider}] ${message.replace(/^aws-sso-credential-provider: /, "")}`);
}
