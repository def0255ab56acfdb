import { readdir, readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";

import { fromSSO, type FromSSOInit } from "../../src/index.js";
import { IdentityCenterEmulator, type EmulatorOptions, type IssueSessionOptions } from "../emulator/index.js";
import { makeSsoFixture, recordingLogger, sessionProfileConfig, writeCachedToken, type SsoFixture } from "./ssoFixture.js";

export const START_URL = "https://emulator.awsapps.com/start";

/** An emulator, a home with session profile `dev` (session `my-sso`), its cached token and a recording logger. */
export interface ProviderWorld {
  emu: IdentityCenterEmulator;
  fixture: SsoFixture;
  path: string;
  logger: ReturnType<typeof recordingLogger>;
  provider(extra?: FromSSOInit): ReturnType<typeof fromSSO>;
  /** The cache file's bytes. */
  cacheText(): Promise<string>;
  /** Names in the cache directory: only the cache file, unless something was left behind. */
  cacheDirEntries(): Promise<string[]>;
  close(): Promise<void>;
}

export async function providerWorld(
  options: { emulator?: EmulatorOptions; session?: IssueSessionOptions; cache?: Record<string, unknown>; config?: string } = {},
): Promise<ProviderWorld> {
  const emu = new IdentityCenterEmulator(options.emulator);
  await emu.start();
  const fixture = await makeSsoFixture(options.config ?? sessionProfileConfig({ startUrl: START_URL }));
  const session = emu.issueSession({ startUrl: START_URL, ...options.session });
  const path = await writeCachedToken(fixture.cacheDir, "my-sso", session, options.cache);
  const logger = recordingLogger();
  return {
    emu,
    fixture,
    path,
    logger,
    provider: (extra = {}) =>
      fromSSO({
        profile: "dev",
        configFilepath: fixture.configPath,
        filepath: `${fixture.home}/.aws/credentials`,
        cacheDir: fixture.cacheDir,
        clientConfig: { endpoint: emu.url },
        logger,
        // Tokens the cache cannot take are kept in a private directory: this world's own.
        env: { ...process.env, XDG_RUNTIME_DIR: `${fixture.home}/run` },
        ...extra,
      }),
    cacheText: () => readFile(path, "utf8"),
    cacheDirEntries: () => readdir(dirname(path)),
    async close() {
      await emu.stop();
      await fixture.cleanup();
    },
  };
}

export const cacheFileName = (world: ProviderWorld): string => basename(world.path);
