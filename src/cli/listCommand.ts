import { listSessionAccounts } from "../login/listSessionAccounts.js";
import type { CliCommand } from "./CliCommand.js";
import { colourEnabled } from "./colourEnabled.js";
import { cliWords } from "./cliWords.js";
import { COMMON_OPTIONS } from "./commonOptions.js";
import { createCliLogger } from "./createCliLogger.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { parseCommandLine } from "./parseCommandLine.js";
import { renderAccountTable } from "./renderAccountTable.js";
import { renderProfileSections } from "./renderProfileSections.js";
import { UsageError } from "./UsageError.js";

const NAME = "list";

const LIST_OPTIONS = { ...COMMON_OPTIONS, "sso-session": { type: "string" }, json: { type: "boolean" }, config: { type: "boolean" } } as const;

const HELP = `Usage: aws-sso-creds list [--profile P | --sso-session S] [--json | --config] [--verbose]

Lists what an SSO session can reach: every account (id, name, email) and, for each, the roles
(permission sets) you may use there, with ListAccounts and ListAccountRoles (all pages). Uses the
session's cached token (refreshed first when due); log in first if there is none.

  aws-sso-creds list --sso-session my-sso
  aws-sso-creds list --sso-session my-sso --config >> ~/.aws/config

Options:
  --profile P       the profile whose session to list (default: AWS_PROFILE, else "default")
  --sso-session S   list this [sso-session]
  --json            one JSON document: {ssoSession, startUrl, ssoRegion, accounts: [{accountId,
                    accountName, emailAddress, roles: [...]}]}
  --config          a [profile ...] section per account and role, ready to append to ~/.aws/config
  --verbose         progress and debug lines on stderr
  --no-color        no colours in the table, even on a terminal (also NO_COLOR; FORCE_COLOR forces
                    them: see aws-sso-creds --help)
  -h, --help        this help

${EXIT_CODES_HELP}
`;

/** `list`: the accounts and roles of a session, as a table, JSON, or config sections. */
export const listCommand: CliCommand = {
  name: NAME,
  summary: "list the accounts and roles a session can reach (table, --json, or --config sections)",
  help: HELP,
  options: LIST_OPTIONS,
  async run(args, io) {
    const { values } = parseCommandLine(NAME, { args, options: LIST_OPTIONS });
    if (values.json === true && values.config === true) throw new UsageError("--json and --config are two different outputs; choose one", NAME);
    const logger = createCliLogger(io, values.verbose === true);
    const { session, accounts, config, configPath } = await listSessionAccounts(
      { profile: values.profile || undefined, ssoSession: values["sso-session"], env: io.env, logger },
      cliWords,
    );
    if (values.json === true) {
      const document = {
        ssoSession: session.ssoSession ?? null,
        startUrl: session.startUrl,
        ssoRegion: session.ssoRegion,
        accounts: accounts.map((account) => ({
          accountId: account.accountId,
          accountName: account.accountName ?? null,
          emailAddress: account.emailAddress ?? null,
          roles: [...account.roles],
        })),
      };
      io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else if (values.config === true) {
      io.stdout.write(renderProfileSections({ session, accounts, config, configPath }));
    } else {
      io.stdout.write(renderAccountTable(session, accounts, colourEnabled(io, values["no-color"])));
    }
    return ExitCode.Success;
  },
};
