import type { CliCommand } from "./CliCommand.js";
import { CREDENTIAL_OPTIONS, CREDENTIAL_OPTIONS_HELP } from "./commonOptions.js";
import { createCliLogger } from "./createCliLogger.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { withProfileCredentials } from "./withProfileCredentials.js";
import { parseCommandLine } from "./parseCommandLine.js";

const NAME = "credential-process";

const HELP = `Usage: aws-sso-creds credential-process [--profile P] [--verbose]

Prints the SSO profile's role credentials as the JSON of the credential_process setting:
{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "AccountId"}.
Every AWS SDK and the AWS CLI can then use them through a profile of their own:

  [profile dev-process]
  credential_process = aws-sso-creds credential-process --profile dev
  region = eu-west-1

The SDK runs the command again when the credentials are about to expire, and the SSO token is
refreshed (under the shared cache lock) when it needs to be, so long-running processes keep working.

Options:
${CREDENTIAL_OPTIONS_HELP}

${EXIT_CODES_HELP}
`;

/** `credential-process`: the JSON the SDKs and the AWS CLI expect from a `credential_process` command. */
export const credentialProcessCommand: CliCommand = {
  name: NAME,
  summary: "print credentials as credential_process JSON (for ~/.aws/config)",
  help: HELP,
  options: CREDENTIAL_OPTIONS,
  async run(args, io) {
    const { values } = parseCommandLine(NAME, { args, options: CREDENTIAL_OPTIONS });
    const logger = createCliLogger(io, values.verbose === true);
    return withProfileCredentials(io, values, logger, async ({ credentials }) => {
      const output = {
        Version: 1,
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: credentials.expiration.toISOString(),
        AccountId: credentials.accountId,
      };
      io.stdout.write(`${JSON.stringify(output)}\n`);
      return ExitCode.Success;
    });
  },
};
