import type { CliCommand } from "./CliCommand.js";
import { colourEnabled } from "./colourEnabled.js";
import { collectSsoStatus } from "./collectSsoStatus.js";
import { COMMON_OPTIONS } from "./commonOptions.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { parseCommandLine } from "./parseCommandLine.js";
import { renderStatusTable } from "./renderStatusTable.js";

const NAME = "status";

const STATUS_OPTIONS = { ...COMMON_OPTIONS, json: { type: "boolean" } } as const;

const HELP = `Usage: aws-sso-creds status [--profile P] [--json]

Shows the SSO sessions and profiles of the shared config: start URL and SSO region, account and
role, how long each cached SSO token has left, and whether it can be refreshed without a login
(a refresh token and a client registration that has not expired). Colours only on a terminal
(--no-color, NO_COLOR and FORCE_COLOR: see aws-sso-creds --help).

Only files are read: status refreshes nothing, calls no service, and never prints a token.

Options:
  --profile P   only this profile and its session; exits as env would for it: 77 (login needed) when
                its token is missing, or expired and cannot be refreshed; 74 when its cache file
                cannot be used; 78 when the profile is missing or broken
  --json        the report as JSON
  --verbose     accepted for symmetry; status has no progress lines
  --no-color    no colours, even on a terminal
  -h, --help    this help

${EXIT_CODES_HELP}
`;

/** `status`: the SSO profiles and the state of their cached tokens, from the files alone. */
export const statusCommand: CliCommand = {
  name: NAME,
  summary: "show SSO sessions and profiles, token expiry and whether they can refresh",
  help: HELP,
  options: STATUS_OPTIONS,
  async run(args, io) {
    const { values } = parseCommandLine(NAME, { args, options: STATUS_OPTIONS });
    // Unlike the other commands, no AWS_PROFILE fallback: without --profile, status shows every profile.
    const report = await collectSsoStatus({ profile: values.profile, env: io.env });
    io.stdout.write(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderStatusTable(report, colourEnabled(io, values["no-color"])));
    // With --profile, the exit code env and exec would give for the same token: 74 for a cache file that
    // cannot be used (as SsoTokenCacheError), 77 when a login is needed.
    if (values.profile !== undefined && report.sessions.some((session) => session.token === "unusable")) return ExitCode.TokenCache;
    if (values.profile !== undefined && report.sessions.some((session) => session.needsLogin)) return ExitCode.LoginRequired;
    return ExitCode.Success;
  },
};
