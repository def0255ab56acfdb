import { runLogout } from "../login/runLogout.js";
import type { CliCommand } from "./CliCommand.js";
import { cliWords } from "./cliWords.js";
import { COMMON_OPTIONS } from "./commonOptions.js";
import { createCliLogger } from "./createCliLogger.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { parseCommandLine } from "./parseCommandLine.js";
import { UsageError } from "./UsageError.js";

const NAME = "logout";

const LOGOUT_OPTIONS = { ...COMMON_OPTIONS, "sso-session": { type: "string" }, all: { type: "boolean" } } as const;

const HELP = `Usage: aws-sso-creds logout [--profile P | --sso-session S | --all] [--verbose]

Ends an SSO session as "aws sso logout" does: the session's token gets an SSO Logout call (its
errors are ignored: the token may be dead already), then its cache file in ~/.aws/sso/cache is
deleted, and so are the role credentials the AWS CLI cached with it (~/.aws/cli/cache). Client
registrations stay, as the AWS CLI leaves them.

Without options: the session of the profile (AWS_PROFILE, else "default"); a legacy profile's token
is its start URL's. With --all: every token in ~/.aws/sso/cache and every SSO role credential in
~/.aws/cli/cache, which is what "aws sso logout" does.

Says what it removed, by file name, on stderr.

Options:
  --profile P       log out of this profile's session
  --sso-session S   log out of this [sso-session]
  --all             every session (as "aws sso logout")
  --verbose         progress and debug lines on stderr
  -h, --help        this help

${EXIT_CODES_HELP}
`;

/** `logout`: the AWS CLI's logout, for one session or all. */
export const logoutCommand: CliCommand = {
  name: NAME,
  summary: "log out: SSO Logout, and delete the session's cached token and credentials",
  help: HELP,
  options: LOGOUT_OPTIONS,
  async run(args, io) {
    const { values } = parseCommandLine(NAME, { args, options: LOGOUT_OPTIONS });
    if (values.all === true && (values.profile !== undefined || values["sso-session"] !== undefined)) {
      throw new UsageError("--all logs out of every session; leave out --profile and --sso-session", NAME);
    }
    const logger = createCliLogger(io, values.verbose === true);
    const result = await runLogout(
      { profile: values.profile || undefined, ssoSession: values["sso-session"], all: values.all === true, env: io.env, logger },
      cliWords,
    );
    const lines: string[] = [];
    if (result.removedFromSsoCache.length > 0) lines.push(`removed from ${result.ssoCacheDir}: ${result.removedFromSsoCache.join(", ")}`);
    if (result.removedFromCliCache.length > 0) lines.push(`removed from ${result.cliCacheDir}: ${result.removedFromCliCache.join(", ")}`);
    if (result.removedKeptTokens.length > 0) lines.push(`removed the token kept aside (the cache could not take it): ${result.removedKeptTokens.join(", ")}`);
    if (lines.length === 0) lines.push("nothing to remove: no cached token or credentials for it");
    if (result.logoutCalls > 0) {
      const failed = result.logoutFailures === 0 ? "" : ` (${result.logoutFailures} failed and were ignored: the token may have been dead already)`;
      lines.unshift(`signed out: ${result.logoutCalls} SSO Logout call${result.logoutCalls === 1 ? "" : "s"}${failed}`);
    }
    io.stderr.write(lines.map((line) => `aws-sso-creds: ${line}\n`).join(""));
    return ExitCode.Success;
  },
};
