import { EmulatorHttpError } from "./EmulatorHttpError.js";
import type { HandlerContext, OperationHandler, OperationRequest } from "./HandlerContext.js";
import type { OperationName } from "./OperationName.js";
import { randomAccessKeyId, randomToken } from "./randomToken.js";
import { sigV4Credential } from "./sigV4Credential.js";
import { stableIamId } from "./stableIamId.js";
import type { AccessKeyRecord } from "./TokenStore.js";

/** `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`; the session ARN uses the name without the path. */
const ROLE_ARN = /^arn:(aws(?:-[a-z]+)*):iam::(\d{12}):role\/(?:[\x21-\x7E]+\/)?([\w+=,.@-]{1,64})$/;

/** Role chaining (a role session assuming a role) caps DurationSeconds at one hour. */
const CHAINED_ROLE_MAX_SECONDS = 3600;
const DEFAULT_DURATION_SECONDS = 3600;
/** IAM's default MaxSessionDuration of a role. */
const DEFAULT_MAX_SESSION_SECONDS = 3600;

interface Constraint {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  /** The pattern as STS prints it in the message. */
  readonly patternText?: string;
}

/** Collects constraint violations and throws them as one ValidationError, worded as STS words them. */
class Validation {
  readonly #messages: string[] = [];

  string(value: string | undefined, member: string, constraint: Constraint, required = false): void {
    if (value === undefined) {
      if (required) this.#messages.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
      return;
    }
    const at = `Value '${value}' at '${member}' failed to satisfy constraint:`;
    if (constraint.min !== undefined && value.length < constraint.min) this.#messages.push(`${at} Member must have length greater than or equal to ${constraint.min}`);
    if (constraint.max !== undefined && value.length > constraint.max) this.#messages.push(`${at} Member must have length less than or equal to ${constraint.max}`);
    if (constraint.pattern && !constraint.pattern.test(value)) {
      this.#messages.push(`${at} Member must satisfy regular expression pattern: ${constraint.patternText ?? constraint.pattern.source}`);
    }
  }

  integer(raw: string | undefined, member: string, min: number, max: number): number | undefined {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
      this.#messages.push(`Value '${raw}' at '${member}' failed to satisfy constraint: Member must be an integer`);
      return undefined;
    }
    if (value < min) this.#messages.push(`Value '${raw}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    if (value > max) this.#messages.push(`Value '${raw}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    return value;
  }

  throwIfAny(): void {
    const count = this.#messages.length;
    if (count === 0) return;
    throw EmulatorHttpError.sts("ValidationError", `${count} validation error${count === 1 ? "" : "s"} detected: ${this.#messages.join("; ")}`);
  }
}

/** ISO 8601 in whole seconds, as STS writes `Expiration`. */
function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function header(request: OperationRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The STS operations (awsQuery): AssumeRole and GetCallerIdentity. Every call must be signed
 * (SigV4) with an access key the emulator issued that has not expired; the signature is not checked,
 * but a temporary key must come with its own session token.
 */
export function createStsHandlers(ctx: HandlerContext): Pick<Record<OperationName, OperationHandler>, "AssumeRole" | "GetCallerIdentity"> {
  const { store } = ctx;

  function authenticate(request: OperationRequest): AccessKeyRecord {
    const credential = sigV4Credential(request.headers.authorization);
    if (!credential) throw EmulatorHttpError.sts("MissingAuthenticationToken", "Request is missing Authentication Token");
    const key = store.accessKeys.get(credential.accessKeyId);
    if (!key || key.sessionToken !== header(request, "x-amz-security-token")) {
      throw EmulatorHttpError.sts("InvalidClientTokenId", "The security token included in the request is invalid.");
    }
    if (key.expiresAt !== undefined && ctx.now() >= key.expiresAt) {
      throw EmulatorHttpError.sts("ExpiredToken", "The security token included in the request is expired");
    }
    if (ctx.config.stsDisabledRegions.includes(credential.region)) {
      throw EmulatorHttpError.sts(
        "RegionDisabledException",
        `STS is not activated in this region for account:${key.accountId}. Your account administrator can activate STS in this region using the IAM Console.`,
      );
    }
    return key;
  }

  return {
    AssumeRole(request) {
      const caller = authenticate(request);
      const params = request.body as Readonly<Record<string, string | undefined>>;
      const roleArn = params.RoleArn;
      const sessionName = params.RoleSessionName;
      const externalId = params.ExternalId;
      const serialNumber = params.SerialNumber;
      const tokenCode = params.TokenCode;
      const policy = params.Policy;
      const check = new Validation();
      check.string(roleArn, "roleArn", { min: 20, max: 2048 }, true);
      check.string(sessionName, "roleSessionName", { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: "[\\w+=,.@-]*" }, true);
      const duration = check.integer(params.DurationSeconds, "durationSeconds", 900, 43200);
      check.string(externalId, "externalId", { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/, patternText: "[\\w+=,.@:\\/-]*" });
      check.string(serialNumber, "serialNumber", { min: 9, max: 256, pattern: /^[\w+=/:,.@-]*$/, patternText: "[\\w+=/:,.@-]*" });
      check.string(tokenCode, "tokenCode", { min: 6, max: 6, pattern: /^\d*$/, patternText: "[\\d]*" });
      check.string(policy, "policy", { min: 1, max: 2048, pattern: /^[\t\n\r\x20-\xFF]+$/, patternText: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" });
      check.throwIfAny();
      const arn = ROLE_ARN.exec(roleArn ?? "");
      if (!arn || sessionName === undefined) {
        throw EmulatorHttpError.sts("ValidationError", `${roleArn ?? ""} is not a valid role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
      }
      const [, partition = "aws", accountId = "", roleName = ""] = arn;
      if (policy !== undefined) {
        try {
          JSON.parse(policy);
        } catch {
          throw EmulatorHttpError.sts("MalformedPolicyDocument", "Syntax errors in policy.");
        }
      }

      const notAuthorized = (): EmulatorHttpError =>
        EmulatorHttpError.sts("AccessDenied", `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn ?? ""}`);
      const trust = ctx.roleTrust.get(roleArn ?? "");
      if (trust?.deny) throw notAuthorized();
      if (trust?.externalId !== undefined && externalId !== trust.externalId) throw notAuthorized();
      const mfaIncomplete = EmulatorHttpError.sts("AccessDenied", "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.");
      if ((serialNumber === undefined) !== (tokenCode === undefined)) throw mfaIncomplete;
      if (trust?.mfaSerial !== undefined) {
        if (serialNumber === undefined) throw mfaIncomplete;
        if (serialNumber !== trust.mfaSerial) throw notAuthorized();
        if (trust.mfaTokenCode !== undefined && tokenCode !== trust.mfaTokenCode) {
          throw EmulatorHttpError.sts("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
        }
      }
      const durationSeconds = duration ?? DEFAULT_DURATION_SECONDS;
      if (caller.kind !== "user" && durationSeconds > CHAINED_ROLE_MAX_SECONDS) {
        throw EmulatorHttpError.sts("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
      }
      if (durationSeconds > (trust?.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_SECONDS)) {
        throw EmulatorHttpError.sts("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      }

      const cap = ctx.config.assumeRoleTtlCapSeconds;
      const lifetimeSeconds = cap === null ? durationSeconds : Math.min(durationSeconds, cap);
      const expiration = Math.floor((ctx.now() + lifetimeSeconds * 1000) / 1000) * 1000;
      const assumedRoleId = `${stableIamId("AROA", roleArn ?? "")}:${sessionName}`;
      const assumedRoleArn = `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
      const key: AccessKeyRecord = {
        accessKeyId: randomAccessKeyId(),
        secretAccessKey: randomToken("emu-sak-", 30),
        sessionToken: randomToken("emu-st-", 96),
        expiresAt: expiration,
        kind: "assumed-role",
        accountId,
        arn: assumedRoleArn,
        userId: assumedRoleId,
      };
      store.accessKeys.set(key.accessKeyId, key);
      store.assumedRoleCredentials.push({
        accessKeyId: key.accessKeyId,
        roleArn: roleArn ?? "",
        roleSessionName: sessionName,
        assumedRoleArn,
        assumedRoleId,
        accountId,
        expiration,
        durationSeconds,
        sourceAccessKeyId: caller.accessKeyId,
        externalId,
        serialNumber,
      });
      const hasPolicies = policy !== undefined || Object.keys(params).some((name) => name.startsWith("PolicyArns.member."));
      return {
        Credentials: {
          AccessKeyId: key.accessKeyId,
          SecretAccessKey: key.secretAccessKey,
          SessionToken: key.sessionToken ?? "",
          Expiration: isoSeconds(expiration),
        },
        AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: assumedRoleArn },
        PackedPolicySize: hasPolicies ? 6 : undefined,
        SourceIdentity: params.SourceIdentity,
      };
    },

    GetCallerIdentity(request) {
      const caller = authenticate(request);
      return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
    },
  };
}
