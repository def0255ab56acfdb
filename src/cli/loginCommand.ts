import { describeLoginTarget } from "../errors/describeLoginTarget.js";
import { renderLoginPrompt } from "../login/renderLoginPrompt.js";
import { runLogin } from "../login/runLogin.js";
import type { CliCommand } from "./CliCommand.js";
import { cliWords } from "./cliWords.js";
import { COMMON_OPTIONS } from "./commonOptions.js";
import { createCliLogger } from "./createCliLogger.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { parseCommandLine } from "./parseCommandLine.js";
import { UsageError } from "./UsageError.js";

const NAME = "login";

const LOGIN_OPTIONS = {
  ...COMMON_OPTIONS,
  "sso-session": { type: "string" },
  "use-device-code": { type: "boolean" },
  "no-browser": { type: "boolean" },
  "redirect-port": { type: "string" },
} as const;

const HELP = `Usage: aws-sso-creds login [--profile P | --sso-session S] [--use-device-code] [--no-browser]
                           [--redirect-port N] [--verbose]

Logs in to IAM Identity Center (SSO) and writes the token to ~/.aws/sso/cache, as "aws sso login"
(AWS CLI v2) does: the same file, the same fields, so the AWS CLI, botocore, the AWS SDKs and this
package all use it. No AWS CLI is needed.

An [sso-session] logs in in a browser on this machine (authorization code with PKCE; the browser is
sent back to a server on 127.0.0.1). With --use-device-code, or for a legacy profile (sso_start_url
in the profile), a code is shown to enter on any device: use that over SSH, in a container or WSL.

The client registration is shared with the AWS CLI's cache and reused while it is valid. When several
processes log in to the same session at once, one logs in and the others wait for its token.

Options:
  --profile P         the profile whose session to log in to (default: AWS_PROFILE, else "default")
  --sso-session S     log in to this [sso-session] directly
  --use-device-code   the device code flow: a URL and a code, for a browser on any device
  --no-browser        do not open a browser; only print the URL
  --redirect-port N   the port of the loopback server the browser comes back to (default: any free one)
  --verbose           progress and debug lines on stderr
  -h, --help          this help

Everything goes to stderr: the URL and code to use, progress, and the result.
The browser is BROWSER when set (the command gets the URL as its last argument), else xdg-open, open
or start.

${EXIT_CODES_HELP}
`;

/** `login`: the whole SSO login, without the AWS CLI. */
export const loginCommand: CliCommand = {
  name: NAME,
  summary: "log in to an SSO session (browser, or --use-device-code) and cache the token",
  help: HELP,
  options: LOGIN_OPTIONS,
  async run(args, io) {
    const { values } = parseCommandLine(NAME, { args, options: LOGIN_OPTIONS });
    let redirectPort: number | undefined;
    if (values["redirect-port"] !== undefined) {
      if (!/^\d{1,5}$/.test(values["redirect-port"]) || Number(values["redirect-port"]) > 65_535) {
        throw new UsageError(`--redirect-port must be a port number from 0 to 65535, not "${values["redirect-port"]}"`, NAME);
      }
      if (values["use-device-code"] === true) throw new UsageError("--redirect-port is for the browser login; the device code flow has no callback", NAME);
      redirectPort = Number(values["redirect-port"]);
    }
    const logger = createCliLogger(io, values.verbose === true);
    const result = await runLogin(
      {
        profile: values.profile || undefined,
        ssoSession: values["sso-session"],
        env: io.env,
        logger,
        flow: values["use-device-code"] === true ? "device" : undefined,
        openBrowser: values["no-browser"] !== true,
        redirectPort,
        onPrompt: (prompt) => io.stderr.write(renderLoginPrompt(prompt, "cli")),
      },
      { words: cliWords, promptWords: "cli" },
    );
    const what = describeLoginTarget({ ssoSession: result.ssoSession, profile: result.profile });
    io.stderr.write(
      `aws-sso-creds: ${result.outcome === "joined" ? "logged in (by the login of another process)" : "logged in"} to ${what} (${result.startUrl}); ` +
        `the SSO token is valid until ${result.expiresAt.toISOString()}${result.ssoSession === undefined ? "" : " and is refreshed from then on"}\n`,
    );
    return ExitCode.Success;
  },
};
