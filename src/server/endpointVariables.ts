import type { EnvironmentVariable } from "../cli/credentialVariables.js";

/**
 * The variables a consumer of the endpoint needs, in the order printed:
 * - `AWS_CONTAINER_CREDENTIALS_FULL_URI`, the profile's URL;
 * - `AWS_CONTAINER_AUTHORIZATION_TOKEN`, the token. Not `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`:
 *   every consumer reads the variable (the JS SDK's fromHttp and botocore read the file first and the
 *   variable otherwise; the JS SDK's fromContainerMetadata, the chain's fallback, reads only the
 *   variable), and the JS SDK writes a warning to the console whenever both are set;
 * - `AWS_REGION` and `AWS_DEFAULT_REGION` when the profile sets `region` (the consumer has no profile
 *   to read it from), as `env` and `exec` give them.
 */
export function endpointVariables(url: string, token: string, region: string | undefined): EnvironmentVariable[] {
  const variables: EnvironmentVariable[] = [
    ["AWS_CONTAINER_CREDENTIALS_FULL_URI", url],
    ["AWS_CONTAINER_AUTHORIZATION_TOKEN", token],
  ];
  if (region !== undefined) variables.push(["AWS_REGION", region], ["AWS_DEFAULT_REGION", region]);
  return variables;
}
