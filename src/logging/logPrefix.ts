/**
 * What every log line of this package starts with, so that a line in a shared log says where it
 * comes from; the CLI strips it (its own lines start with `aws-sso-creds:`).
 */
export const LOG_PREFIX = "aws-sso-credential-provider:";
