import type { Logger } from "@smithy/types";
import { isIP } from "node:net";

import { loadSharedConfig } from "../config/loadSharedConfig.js";
import { resolveProfileChain } from "../config/resolveProfileChain.js";
import { SsoConfigError } from "../errors/SsoConfigError.js";
import { CredentialsEndpoint, DEFAULT_ENDPOINT_HOST } from "../server/CredentialsEndpoint.js";
import { endpointVariables } from "../server/endpointVariables.js";
import { failureResponse } from "../server/EndpointResponse.js";
import { profilePath } from "../server/profilePath.js";
import type { CliCommand } from "./CliCommand.js";
import type { CliIo } from "./CliIo.js";
import { cliWords } from "./cliWords.js";
import { CREDENTIAL_OPTIONS } from "./commonOptions.js";
import { createCliResolver } from "./createCliResolver.js";
import { createCliLogger } from "./createCliLogger.js";
import { EXIT_CODES_HELP, ExitCode } from "./ExitCode.js";
import { formatEnvironment, parseFormatOption, type EnvFormat } from "./formatEnvironment.js";
import { parseCommandLine } from "./parseCommandLine.js";
import { UsageError } from "./UsageError.js";

const NAME = "serve";

/** The formats of `serve`: those of `env` but `sam` (SAM local hands its functions static keys of its own). */
export const SERVE_FORMATS = ["sh", "fish", "powershell", "dotenv", "json"] as const satisfies readonly EnvFormat[];

/** What ends `serve`: Ctrl-C, `kill`, `docker stop`, a closed terminal. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = Object.freeze(["SIGINT", "SIGTERM", "SIGHUP"]);

/** Those of the credential commands but --login (a login needs a person at the terminal; serve runs unattended). */
const { login: _login, ...CREDENTIAL_OPTIONS_BUT_LOGIN } = CREDENTIAL_OPTIONS;

export const SERVE_OPTIONS = {
  ...CREDENTIAL_OPTIONS_BUT_LOGIN,
  profile: { type: "string", multiple: true },
  port: { type: "string" },
  host: { type: "string" },
  format: { type: "string", short: "f" },
} as const;

const HELP = `Usage: aws-sso-creds serve [--profile P]... [--port N] [--host ADDR] [--format F] [--verbose]

Runs a container credentials endpoint until interrupted: the protocol of ECS and EKS, which every
AWS SDK and the AWS CLI read when AWS_CONTAINER_CREDENTIALS_FULL_URI is set. Unlike "env" and
"exec", consumers ask again when their credentials near expiry and get new ones, renewed through
the same cache, lock and token refresh as the library: dev servers, "sam local start-api", Docker
containers and test runs keep working past the credentials' hour.

First it prints on stdout, in the --format chosen, the variables a consumer needs:
  AWS_CONTAINER_CREDENTIALS_FULL_URI   http://127.0.0.1:PORT/profiles/<first profile>
  AWS_CONTAINER_AUTHORIZATION_TOKEN    the endpoint's token (random, 256 bits, new on every run)
  AWS_REGION, AWS_DEFAULT_REGION       when the first profile sets region
then serves, logging to stderr, until SIGINT (Ctrl-C), SIGTERM or SIGHUP; it then stops listening,
lets requests in flight finish, and exits with 0.

  aws-sso-creds serve --profile dev                        # then, in the consumer's shell, the exports
  aws-sso-creds serve --profile dev --format dotenv > dev.env &    # for docker run --env-file dev.env
  aws-sso-creds exec --serve --profile dev -- sam local start-api  # the endpoint for one command's life

Paths: GET /profiles/<name> for each --profile (the name percent-encoded; repeat --profile to serve
several from one port and token). Answers: 200 with {"AccessKeyId", "SecretAccessKey", "Token",
"Expiration", "AccountId"}; otherwise {"Code", "Message"}, where Message says what to do:
  401  SsoTokenExpiredError etc.: a new login is needed (the command is in the Message; log in
       with it while serve runs: the next request gets credentials)
  502  RoleCredentialsFailedError etc.: IAM Identity Center failed or could not be reached
  500  the config or token cache is wrong (the file is named in the Message)
  401 MissingAuthorizationToken, 403 InvalidAuthorizationToken, 403 InvalidHost,
  405 MethodNotAllowed (GET only), 404 ProfileNotServed
The endpoint keeps running after a failure; the next request tries again. Credentials are renewed
in the background 16 minutes before they expire (a third of their lifetime if shorter), so no
consumer waits for IAM Identity Center while there are valid ones, and SDKs that refresh early
(botocore: 15 minutes) never get credentials they already consider stale.

Security: it listens on 127.0.0.1 only; every request needs the token (compared in constant time);
a Host header other than the endpoint's address, localhost, or the container addresses
169.254.170.2, 169.254.170.23 or [fd00:ec2::23] is refused (so no web page can reach it by
DNS rebinding); only GET is answered; neither the token nor credentials are ever logged.

Options:
  --profile P   a profile to serve; repeat for several (default: AWS_PROFILE, else "default").
                The printed variables point at the first.
  --port N      the port (default: a free one, chosen by the system)
  --host ADDR   listen on ADDR (an IP address) instead of 127.0.0.1. Other machines and containers
                that can reach ADDR can then connect (the token is still needed); a warning says so.
                Docker on Linux without host networking: --host 172.17.0.1 (the docker0 address).
  --format F    ${SERVE_FORMATS.join(", ")} (default: sh), as for "aws-sso-creds env"
  --no-cache    do not use the AWS CLI's role credential cache (~/.aws/cli/cache): get new role
                credentials, and keep them in this process only
  --verbose     a line per request and debug lines on stderr
  -h, --help    this help

Docker (host networking, or a proxy container at 169.254.170.2 with
AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/profiles/<name>) and SAM local: see the package's README
(node_modules/aws-sso-credential-provider/README.md, or: npm docs aws-sso-credential-provider).

${EXIT_CODES_HELP}
  serve: 78 also when the port is in use or the address cannot be bound (the message names them)
`;

/** `serve`: a refreshing container-credentials endpoint, until interrupted. */
export const serveCommand: CliCommand = {
  name: NAME,
  summary: "serve refreshing credentials on a local container-credentials endpoint",
  help: HELP,
  options: SERVE_OPTIONS,
  optionValues: { format: SERVE_FORMATS },
  async run(args, io) {
    const { values } = parseCommandLine(NAME, { args, options: SERVE_OPTIONS });
    const format = parseFormatOption(values.format, SERVE_FORMATS, NAME);
    const port = parsePort(values.port, NAME);
    const host = parseHost(values.host);
    const logger = createCliLogger(io, values.verbose === true);
    // Several profiles: the resolver takes each by name; with none, its own rule (AWS_PROFILE, else default).
    const resolver = createCliResolver(io, { ...values, profile: undefined, mfaProfile: values.profile?.[0] }, logger, true);
    const profiles = [...new Set(values.profile !== undefined && values.profile.length > 0 ? values.profile : [resolver.profileName()])];
    try {
      // A profile that is missing or not usable ends serve at once, said once (the endpoint would log it too).
      await checkProfiles(profiles, io);
      const endpoint = await CredentialsEndpoint.start({ source: resolver, profiles, host, port, logger });
      const stopped = untilStopSignal();
      try {
        const { host: boundHost, port: boundPort } = endpoint.address;
        if (!isLoopback(boundHost)) logger.warn(reachWarning(boundHost, boundPort, profiles));
        const region = await warmUp(endpoint, profiles, io, logger);
        io.stdout.write(formatEnvironment(endpointVariables(endpoint.urlFor(profiles[0] as string), endpoint.authorizationToken(), region), format));
        io.stderr.write(
          `aws-sso-creds: serving ${profiles.map((name) => `profile "${name}" at ${endpoint.urlFor(name)}`).join(", ")} until interrupted (Ctrl-C)\n`,
        );
        const signal = await stopped.signal;
        logger.info(`${signal}: stopping the endpoint`);
      } finally {
        stopped.dispose();
        await endpoint.close();
      }
    } finally {
      await resolver.close();
    }
    io.stderr.write("aws-sso-creds: endpoint stopped\n");
    return ExitCode.Success;
  },
};

/**
 * Gets every profile's first credentials before the variables are printed. A profile that does not
 * exist or is not an SSO profile ends `serve` (exit 78: a typo is better reported now than served).
 * Any other failure (a login is needed, the service is down) is reported and served as an error
 * until it is fixed: the endpoint can then be left running while you log in. Resolves with the first
 * profile's region.
 */
async function warmUp(endpoint: CredentialsEndpoint, profiles: readonly string[], io: CliIo, logger: Logger): Promise<string | undefined> {
  const results = await Promise.allSettled(profiles.map((name) => endpoint.warm(name)));
  for (const [index, result] of results.entries()) {
    if (result.status === "fulfilled") continue;
    const error: unknown = result.reason;
    if (error instanceof SsoConfigError) throw error;
    const name = profiles[index] as string;
    const { status, code } = failureResponse(error, name);
    logger.warn(
      `requests for profile "${name}" get that error (HTTP ${status} ${code}) until it is fixed; the endpoint keeps running and tries again on each request.`,
    );
  }
  const first = results[0];
  if (first?.status === "fulfilled") return first.value.region;
  return configuredRegion(profiles[0] as string, io);
}

/** Throws the config error of the first profile that cannot be served (missing, not SSO, broken chain), from the files alone. */
async function checkProfiles(profiles: readonly string[], io: CliIo): Promise<void> {
  const { configPath, config } = await loadSharedConfig({ env: io.env, words: cliWords });
  for (const name of profiles) resolveProfileChain(name, {}, config, configPath, cliWords);
}

/** The profile's `region` from the shared config, for when its credentials could not be had yet. */
async function configuredRegion(profileName: string, io: CliIo): Promise<string | undefined> {
  try {
    const { config } = await loadSharedConfig({ env: io.env, words: cliWords });
    const region = config.profiles.get(profileName)?.get("region");
    return typeof region === "string" && region !== "" ? region : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves with the first stop signal. From then on (or after `dispose`) the signals get their default
 * action again: a second Ctrl-C while the endpoint closes ends the process at once.
 */
function untilStopSignal(): { signal: Promise<NodeJS.Signals>; dispose(): void } {
  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const dispose = (): void => {
    for (const name of STOP_SIGNALS) process.off(name, stop);
  };
  // The listeners stay until the endpoint is closed (dispose): proper-lockfile's signal-exit re-raises
  // a signal that finds no other listener, which would kill the process in the middle of closing.
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    stop = (received: NodeJS.Signals) => resolve(received);
  });
  for (const name of STOP_SIGNALS) process.on(name, stop);
  return { signal, dispose };
}

/** `--port`: a whole number from 0 (any free port) to 65535; default 0. */
export function parsePort(value: string | undefined, command: string): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (0: any free port), not "${value}"`, command);
  }
  return port;
}

/** `--host`: an IP address (`localhost` stands for 127.0.0.1); default 127.0.0.1. */
function parseHost(value: string | undefined): string {
  if (value === undefined || value === "localhost") return DEFAULT_ENDPOINT_HOST;
  if (isIP(value) === 0) {
    throw new UsageError(`--host must be an IP address of this machine (such as 127.0.0.1, 0.0.0.0 or 172.17.0.1), not "${value}"`, NAME);
  }
  return value;
}

/** 127.0.0.0/8 and ::1 (also as an IPv4-mapped address): only this machine reaches them. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  return (isIP(v4) === 4 && v4.startsWith("127.")) || address === "::1";
}

/** The warning for an endpoint bound to a non-loopback address: who can reach it, and what they get with the token. */
export function reachWarning(host: string, port: number, profiles: readonly string[]): string {
  const who =
    host === "0.0.0.0" || host === "::"
      ? `every network this machine is on: other machines on the same LAN, Wi-Fi or VPN, and every container and virtual machine on this one`
      : `whatever can reach ${host}: the containers, virtual machines or other machines on that network, not only this machine`;
  const served = profiles.map((name) => `"${name}" (${profilePath(name)})`).join(", ");
  return (
    `warning: the endpoint listens on ${host}:${port}, not on a loopback address, so it can be reached from ${who}. ` +
    `Anyone who can connect and has the token gets the credentials of profile ${served}. ` +
    "Leave --host out (127.0.0.1) unless you need this, and stop the endpoint when done."
  );
}
