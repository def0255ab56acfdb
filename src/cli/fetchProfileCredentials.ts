import type { Logger } from "@smithy/types";

import { loadSharedConfig } from "../config/loadSharedConfig.js";
import { fromSSO } from "../fromSSO.js";
import type { SsoRoleCredentials } from "../role-credentials/SsoRoleCredentials.js";

export interface ProfileCredentials {
  credentials: SsoRoleCredentials;
  /** The profile's `region`, when it sets one. */
  region: string | undefined;
}

/**
 * Role credentials for a profile, from the library's own provider (`fromSSO`): the same cache,
 * lock and refresh as any SDK client using it. Also the profile's `region`, for the environment.
 */
export async function fetchProfileCredentials(profile: string, logger: Logger): Promise<ProfileCredentials> {
  const credentials = await fromSSO({ profile, logger })();
  const { config } = await loadSharedConfig();
  const region = config.profiles.get(profile)?.get("region");
  logger.info(
    `credentials for role ${roleOf(config.profiles.get(profile)?.get("sso_role_name"))}in account ${credentials.accountId}, ` +
      `valid until ${credentials.expiration.toISOString()}`,
  );
  return { credentials, region: typeof region === "string" && region !== "" ? region : undefined };
}

function roleOf(value: unknown): string {
  return typeof value === "string" && value !== "" ? `${value} ` : "";
}
