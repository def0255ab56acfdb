import type { EnvironmentVariable } from "./credentialVariables.js";

/**
 * Variables that would make an SDK or the AWS CLI in the child use other credentials, another
 * profile or another account than the ones `exec` hands it, or mix old values with the new ones.
 */
export const CONFLICTING_VARIABLES: readonly string[] = Object.freeze([
  // A profile: the child would read the profile instead of (or besides) the environment.
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  // Credentials already in the environment (replaced; a stale expiration or account must not survive).
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_ACCOUNT_ID",
  // The older names some SDKs still read (the Java SDK v1, boto 2).
  "AWS_ACCESS_KEY",
  "AWS_SECRET_KEY",
  // The container credentials endpoint (ECS, EKS Pod Identity, or a local one).
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
  // Web identity (EKS IRSA, GitHub OIDC): a role to assume with a token file.
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
]);

/**
 * The environment for `exec`'s command: the parent's, without {@link CONFLICTING_VARIABLES},
 * with `variables` set. On Windows variable names are case-insensitive, and matched that way.
 */
export function childEnvironment(
  parent: NodeJS.ProcessEnv,
  variables: readonly EnvironmentVariable[],
  platform: NodeJS.Platform = process.platform,
): NodeJS.ProcessEnv {
  const normalize = platform === "win32" ? (name: string) => name.toUpperCase() : (name: string) => name;
  const removed = new Set([...CONFLICTING_VARIABLES, ...variables.map(([name]) => name)].map(normalize));
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (!removed.has(normalize(name))) env[name] = value;
  }
  for (const [name, value] of variables) env[name] = value;
  return env;
}
