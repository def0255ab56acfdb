import type { Logger } from "@smithy/types";

import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { lockFile, type LockOptions } from "../lock/lockFile.js";
import { CachedSsoToken } from "../token/CachedSsoToken.js";
import { formatExpiresAt } from "../token/parseExpiresAt.js";
import { RejectedRefreshRecord } from "../token/RejectedRefreshRecord.js";
import { writeTokenFile } from "../token/writeTokenFile.js";
import { awsCliJson } from "./awsCliJson.js";
import type { IssuedLoginToken } from "./IssuedLoginToken.js";
import type { LoginSession } from "./LoginSession.js";

export interface SaveLoginTokenOptions {
  path: string;
  session: LoginSession;
  issued: IssuedLoginToken;
  lock: LockOptions;
  clock: Clock;
  logger?: Logger | undefined;
  words?: CallerWords | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Writes a login's token to the cache as the AWS CLI v2 writes it after `aws sso login`
 * (botocore `SSOTokenFetcher._create_token_attempt`, `JSONFileCache` with `_sso_json_dumps`):
 * `startUrl`, `region`, `accessToken`, `expiresAt`, `clientId`, `clientSecret`, `registrationExpiresAt`,
 * `refreshToken` (when issued), in that order, `expiresAt` as whole seconds with `Z`. Unlike the AWS CLI,
 * the file is replaced atomically (0600), under the cross-process lock a refresh takes, so a refresh in
 * progress never writes an older token over it. A note that the previous session's refresh was refused
 * is removed with it.
 */
export async function saveLoginToken(options: SaveLoginTokenOptions): Promise<CachedSsoToken> {
  const { path, session, issued, clock, logger } = options;
  const expiresAt = new Date(Math.floor((clock.now() + issued.expiresInSeconds * 1000) / 1000) * 1000);
  const text = awsCliJson({
    startUrl: session.startUrl,
    region: session.ssoRegion,
    accessToken: issued.accessToken,
    expiresAt: formatExpiresAt(expiresAt),
    clientId: issued.registration.clientId,
    clientSecret: issued.registration.clientSecret,
    registrationExpiresAt: formatExpiresAt(issued.registration.expiresAt),
    refreshToken: issued.refreshToken,
  });
  const lock = await lockFile(path, options.lock, { clock, logger, signal: options.signal });
  try {
    await writeTokenFile(path, text, options.words);
    await RejectedRefreshRecord.remove(path);
  } finally {
    await lock.release();
  }
  return CachedSsoToken.fromJson(JSON.parse(text), path, session.target);
}
