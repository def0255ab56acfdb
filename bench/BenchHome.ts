import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";

import type { IssuedSession } from "../test/emulator/index.js";
import { makeSsoFixture, sessionProfileConfig, writeCachedToken, type SsoFixture } from "../test/helpers/ssoFixture.js";

export const BENCH_PROFILE = "dev";
const BENCH_SESSION = "bench-sso";

/**
 * The temporary HOME both providers run in: `~/.aws/config` with an `sso_session` profile, and
 * the AWS CLI token cache, which `reset` puts back to one starting state before each measurement.
 */
export class BenchHome {
  readonly #fixture: SsoFixture;

  private constructor(fixture: SsoFixture) {
    this.#fixture = fixture;
  }

  static async create(startUrl: string): Promise<BenchHome> {
    return new BenchHome(await makeSsoFixture(sessionProfileConfig({ profile: BENCH_PROFILE, session: BENCH_SESSION, startUrl })));
  }

  get home(): string {
    return this.#fixture.home;
  }

  /** Empties the token cache (lock directories included) and writes `session` as `aws sso login` would. */
  async reset(session: IssuedSession): Promise<void> {
    await rm(this.#fixture.cacheDir, { recursive: true, force: true });
    await mkdir(this.#fixture.cacheDir, { recursive: true, mode: 0o700 });
    await writeCachedToken(this.#fixture.cacheDir, BENCH_SESSION, session);
  }

  /** The environment of every bench child: this HOME and its config, both SSO endpoints on the emulator. */
  env(emulatorUrl: string): NodeJS.ProcessEnv {
    // Children are plain Node: no loader (tsx) from the parent's NODE_OPTIONS.
    const { NODE_OPTIONS: _parentNodeOptions, ...inherited } = process.env;
    return {
      ...inherited,
      HOME: this.#fixture.home,
      USERPROFILE: this.#fixture.home,
      AWS_CONFIG_FILE: this.#fixture.configPath,
      AWS_SHARED_CREDENTIALS_FILE: join(this.#fixture.home, ".aws", "credentials"),
      AWS_PROFILE: BENCH_PROFILE,
      AWS_ENDPOINT_URL_SSO: emulatorUrl,
      AWS_ENDPOINT_URL_SSO_OIDC: emulatorUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
  }

  cleanup(): Promise<void> {
    return this.#fixture.cleanup();
  }
}
