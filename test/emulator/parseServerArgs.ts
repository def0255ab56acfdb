import { isAuthorizeOutcome, isRotationMode, type EmulatorOptions, type RoleTrust } from "./EmulatorOptions.js";

const USAGE =
  "usage: server.ts [--port N] [--rotation rotate|rotate-with-grace|none] [--rotation-grace S] " +
  "[--access-token-ttl S] [--role-credentials-ttl S] [--latency-ms N] [--auto-approve] " +
  "[--enforce-poll-interval] [--device-code-ttl S] [--device-poll-interval S] [--authorization-code-ttl S] " +
  "[--authorize-outcome approve|deny] [--assume-role-ttl-cap S] [--sts-disabled-regions R1,R2] " +
  "[--role-trust JSON (role ARN -> {externalId, mfaSerial, mfaTokenCode, maxSessionDurationSeconds, deny})]";

function roleTrustMap(raw: string | undefined): Record<string, RoleTrust> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? "");
  } catch {
    throw new Error(`--role-trust needs a JSON object\n${USAGE}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`--role-trust needs a JSON object\n${USAGE}`);
  return parsed as Record<string, RoleTrust>;
}

function nonNegative(flag: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || raw === "" || !Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a non-negative number\n${USAGE}`);
  return value;
}

/** The emulator options given on the standalone server's command line. */
export function parseServerArgs(args: readonly string[]): EmulatorOptions {
  const options: { -readonly [K in keyof EmulatorOptions]: EmulatorOptions[K] } = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const next = (): string | undefined => args[++i];
    switch (flag) {
      case "--port": {
        const port = nonNegative(flag, next());
        if (!Number.isInteger(port) || port > 65535) throw new Error(`--port needs a port number\n${USAGE}`);
        options.port = port;
        break;
      }
      case "--rotation": {
        const mode = next();
        if (!isRotationMode(mode)) throw new Error(`--rotation needs rotate, rotate-with-grace or none\n${USAGE}`);
        options.rotation = mode;
        break;
      }
      case "--rotation-grace":
        options.rotationGraceSeconds = nonNegative(flag, next());
        break;
      case "--access-token-ttl":
        options.accessTokenTtlSeconds = nonNegative(flag, next());
        break;
      case "--role-credentials-ttl":
        options.roleCredentialsTtlSeconds = nonNegative(flag, next());
        break;
      case "--latency-ms":
        options.latencyMs = nonNegative(flag, next());
        break;
      case "--auto-approve":
        options.autoApproveDevices = true;
        break;
      case "--enforce-poll-interval":
        options.enforceDevicePollInterval = true;
        break;
      case "--device-code-ttl":
        options.deviceCodeTtlSeconds = nonNegative(flag, next());
        break;
      case "--device-poll-interval":
        options.devicePollIntervalSeconds = nonNegative(flag, next());
        break;
      case "--authorization-code-ttl":
        options.authorizationCodeTtlSeconds = nonNegative(flag, next());
        break;
      case "--authorize-outcome": {
        const outcome = next();
        if (!isAuthorizeOutcome(outcome)) throw new Error(`--authorize-outcome needs approve or deny\n${USAGE}`);
        options.authorizeOutcome = outcome;
        break;
      }
      case "--assume-role-ttl-cap":
        options.assumeRoleTtlCapSeconds = nonNegative(flag, next());
        break;
      case "--sts-disabled-regions":
        options.stsDisabledRegions = (next() ?? "").split(",").filter((region) => region !== "");
        break;
      case "--role-trust":
        options.roleTrust = roleTrustMap(next());
        break;
      default:
        throw new Error(`unknown argument: ${String(flag)}\n${USAGE}`);
    }
  }
  return options;
}
