import type { Logger } from "@smithy/types";

import type { CredentialResolver, ResolvedCredentials } from "../provider/CredentialResolver.js";
import { CredentialsEndpoint } from "../server/CredentialsEndpoint.js";
import { endpointVariables } from "../server/endpointVariables.js";
import { loopbackProxyBypass } from "../server/loopbackProxyBypass.js";
import { childEnvironment } from "./childEnvironment.js";
import type { CliIo } from "./CliIo.js";
import { runChild } from "./runChild.js";

export interface RunChildWithEndpointOptions {
  io: CliIo;
  logger: Logger;
  profileName: string;
  /** The profile's first credentials: served until they need renewing. */
  resolved: ResolvedCredentials;
  /** Where new ones come from. */
  resolver: CredentialResolver;
}

/**
 * `exec --serve`: a credentials endpoint on a free loopback port for the life of the command. The
 * command gets the endpoint's URL and token (and the profile's region) instead of keys, without the
 * variables that would point it elsewhere, and no proxy for the endpoint. Its exit code and signals
 * pass through as for `exec`; the endpoint stops once it has exited.
 */
export async function runChildWithEndpoint(program: string, args: readonly string[], options: RunChildWithEndpointOptions): Promise<number> {
  const { io, logger, profileName, resolved, resolver } = options;
  const endpoint = await CredentialsEndpoint.start({
    source: resolver,
    profiles: [profileName],
    logger,
    initial: new Map([[profileName, resolved]]),
  });
  try {
    const variables = endpointVariables(endpoint.urlFor(profileName), endpoint.authorizationToken(), resolved.chain.region);
    const env = loopbackProxyBypass(childEnvironment(io.env, variables), endpoint.address.host);
    logger.debug(`running ${program} with a credentials endpoint at ${endpoint.urlFor(profileName)}`);
    return await runChild(program, args, { env, stderr: io.stderr });
  } finally {
    await endpoint.close();
  }
}
