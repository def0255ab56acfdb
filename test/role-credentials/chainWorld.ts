import { providerWorld, START_URL, type ProviderWorld } from "../helpers/providerWorld.js";
import { sessionProfileConfig } from "../helpers/ssoFixture.js";
import type { EmulatorOptions } from "../emulator/index.js";

export const ROLE_A = "arn:aws:iam::222233334444:role/Deploy";
export const ROLE_B = "arn:aws:iam::555566667777:role/team/Admin";

/**
 * The SSO profile `dev` (session `my-sso`) and profiles that chain from it:
 * `deploy` (ROLE_A from dev, region eu-west-1), `admin` (ROLE_B from deploy), and whatever `extra` adds.
 */
export function chainConfig(extra = ""): string {
  return [
    sessionProfileConfig({ startUrl: START_URL }),
    "[profile deploy]",
    `role_arn = ${ROLE_A}`,
    "source_profile = dev",
    "region = eu-west-1",
    "",
    "[profile admin]",
    `role_arn = ${ROLE_B}`,
    "source_profile = deploy",
    "region = eu-central-1",
    "",
    extra,
  ].join("\n");
}

export function chainWorld(options: { extra?: string; emulator?: EmulatorOptions } = {}): Promise<ProviderWorld> {
  return providerWorld({ config: chainConfig(options.extra), emulator: options.emulator });
}
