// An emulator behind a recording proxy, a home with session profile `dev` (session `my-sso`) and
// legacy profile `legacy`, and the options that point login() at them; torn down after the test.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { TestContext } from "node:test";

import type { LoginOptions } from "../../../src/login/LoginOptions.js";
import type { LoginPrompt } from "../../../src/login/LoginPrompt.js";
import { tokenCacheFilePath } from "../../../src/token/tokenCacheFilePath.js";
import { IdentityCenterEmulator, type EmulatorOptions } from "../../emulator/index.js";
import { legacyProfileConfig, makeSsoFixture, recordingLogger, sessionProfileConfig, type SsoFixture } from "../../helpers/ssoFixture.js";
import { RecordingProxy } from "./recordingProxy.js";

export const START_URL = "https://emulator.awsapps.com/start";
/** Long enough never to fire in a test; its length tells request deadlines apart from a login's own waits. */
export const REQUEST_TIMEOUT_MS = 99_000;

export interface LoginWorld {
  emu: IdentityCenterEmulator;
  proxy: RecordingProxy;
  fixture: SsoFixture;
  prompts: LoginPrompt[];
  logger: ReturnType<typeof recordingLogger>;
  /** The token cache file of session `my-sso`. */
  sessionPath: string;
  /** The token cache file of the legacy profile (its start URL). */
  legacyPath: string;
  /** login() options for this world; `extra` wins. */
  options(extra?: LoginOptions): LoginOptions;
  /** The cache directory's entries. */
  cacheEntries(): Promise<string[]>;
  readCache(name: string): Promise<string>;
}

export async function loginWorld(t: TestContext, emulator: EmulatorOptions = {}, config?: string): Promise<LoginWorld> {
  const emu = new IdentityCenterEmulator(emulator);
  await emu.start();
  const proxy = await RecordingProxy.start(emu.url);
  const fixture = await makeSsoFixture(
    config ?? `${sessionProfileConfig({ startUrl: START_URL, region: "eu-west-1" })}\n${legacyProfileConfig({ startUrl: START_URL })}`,
  );
  t.after(async () => {
    await proxy.stop();
    await emu.stop();
    await fixture.cleanup();
  });
  const prompts: LoginPrompt[] = [];
  const logger = recordingLogger();
  return {
    emu,
    proxy,
    fixture,
    prompts,
    logger,
    sessionPath: tokenCacheFilePath(fixture.cacheDir, "my-sso"),
    legacyPath: tokenCacheFilePath(fixture.cacheDir, START_URL),
    options: (extra = {}) => ({
      profile: "dev",
      configFilepath: fixture.configPath,
      filepath: join(fixture.home, ".aws", "credentials"),
      cacheDir: fixture.cacheDir,
      homeDir: fixture.home,
      clientConfig: { endpoint: proxy.url, maxAttempts: 1 },
      logger,
      requestTimeoutMs: 99_000,
      env: { DISPLAY: ":0" },
      onPrompt: (prompt) => prompts.push(prompt),
      browser: async () => ({ opened: true }),
      ...extra,
    }),
    cacheEntries: async () => (await readdir(fixture.cacheDir)).sort(),
    readCache: (name) => readFile(join(fixture.cacheDir, name), "utf8"),
  };
}
