import { EmulatorHttpError } from "./EmulatorHttpError.js";
import type { EmulatorAccount } from "./EmulatorOptions.js";
import type { HandlerContext, OperationHandler, OperationRequest } from "./HandlerContext.js";
import type { OperationName } from "./OperationName.js";
import { createHash } from "node:crypto";
import { randomAccessKeyId, randomToken } from "./randomToken.js";
import { stableIamId } from "./stableIamId.js";
import type { SignInSession } from "./TokenStore.js";

/** The name of the signed-in user, as in the role session ARNs of SSO credentials. */
export const SSO_USER_NAME = "emulator-user";

/**
 * The IAM role behind a permission set in an account, as IAM Identity Center names it:
 * `AWSReservedSSO_<PermissionSet>_<16 hex>` (the hex is stable per account and permission set).
 */
export function ssoRoleName(accountId: string, permissionSet: string): string {
  const suffix = createHash("sha256").update(`${accountId}/${permissionSet}`).digest("hex").slice(0, 16);
  return `AWSReservedSSO_${permissionSet}_${suffix}`;
}

/** The bearer-token header of the portal API (the SDK's `accessToken` member). */
export const BEARER_TOKEN_HEADER = "x-amz-sso_bearer_token";

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 100;
const NEXT_TOKEN_PREFIX = "emu-nt-";

function encodeNextToken(offset: number): string {
  return NEXT_TOKEN_PREFIX + Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

function decodeNextToken(token: string | null): number {
  if (token === null) return 0;
  if (token.startsWith(NEXT_TOKEN_PREFIX)) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(token.slice(NEXT_TOKEN_PREFIX.length), "base64url").toString("utf8"));
      if (typeof parsed === "object" && parsed !== null && "offset" in parsed && Number.isSafeInteger(parsed.offset)) {
        return parsed.offset as number;
      }
    } catch {
      // falls through to the error
    }
  }
  throw EmulatorHttpError.portal("InvalidRequestException", "Invalid nextToken");
}

function pageSize(raw: string | null): number {
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw EmulatorHttpError.portal("InvalidRequestException", `max_result must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

function paginate<T>(items: readonly T[], query: URLSearchParams): { page: T[]; nextToken: string | undefined } {
  const offset = decodeNextToken(query.get("next_token"));
  const size = pageSize(query.get("max_result"));
  const page = items.slice(offset, offset + size);
  return { page, nextToken: offset + size < items.length ? encodeNextToken(offset + size) : undefined };
}

/** The portal (SSO) operations: GetRoleCredentials, ListAccounts, ListAccountRoles, Logout. */
export function createPortalHandlers(
  ctx: HandlerContext,
): Pick<Record<OperationName, OperationHandler>, "GetRoleCredentials" | "ListAccounts" | "ListAccountRoles" | "Logout"> {
  const { store } = ctx;

  function requireSession(request: OperationRequest): SignInSession {
    const header = request.headers[BEARER_TOKEN_HEADER];
    const token = Array.isArray(header) ? header[0] : header;
    const session = store.sessionOfAccessToken(token, ctx.now());
    if (!session) throw EmulatorHttpError.portal("UnauthorizedException", "Session token not found or invalid");
    return session;
  }

  function requireParam(query: URLSearchParams, name: string): string {
    const value = query.get(name);
    if (value === null || value === "") {
      throw EmulatorHttpError.portal("InvalidRequestException", `Missing required parameter: ${name}`);
    }
    return value;
  }

  function requireAccount(accountId: string): EmulatorAccount {
    const account = ctx.settings.accounts.find((candidate) => candidate.accountId === accountId);
    if (!account) throw EmulatorHttpError.portal("ResourceNotFoundException", `Account ${accountId} not found`);
    return account;
  }

  return {
    GetRoleCredentials(request) {
      const roleName = requireParam(request.query, "role_name");
      const accountId = requireParam(request.query, "account_id");
      requireSession(request);
      const account = requireAccount(accountId);
      if (!account.roles.includes(roleName)) {
        throw EmulatorHttpError.portal("ForbiddenException", "No access");
      }
      const accessKeyId = randomAccessKeyId();
      const expiration = ctx.now() + ctx.config.roleCredentialsTtlSeconds * 1000;
      const secretAccessKey = randomToken("emu-sak-", 30);
      const sessionToken = randomToken("emu-st-", 96);
      const iamRole = ssoRoleName(accountId, roleName);
      store.issuedRoleCredentials.push({ accessKeyId, accountId, roleName, expiration });
      // What STS later checks a signature's key id against (role chains start here).
      store.accessKeys.set(accessKeyId, {
        accessKeyId,
        secretAccessKey,
        sessionToken,
        expiresAt: expiration,
        kind: "sso-role",
        accountId,
        arn: `arn:aws:sts::${accountId}:assumed-role/${iamRole}/${SSO_USER_NAME}`,
        userId: `${stableIamId("AROA", `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/${iamRole}`)}:${SSO_USER_NAME}`,
      });
      return { roleCredentials: { accessKeyId, secretAccessKey, sessionToken, expiration } };
    },

    ListAccounts(request) {
      requireSession(request);
      const { page, nextToken } = paginate(ctx.settings.accounts, request.query);
      return {
        accountList: page.map((account) => ({
          accountId: account.accountId,
          accountName: account.accountName,
          emailAddress: account.emailAddress ?? `${account.accountId}@example.com`,
        })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    ListAccountRoles(request) {
      const accountId = requireParam(request.query, "account_id");
      requireSession(request);
      const account = requireAccount(accountId);
      const { page, nextToken } = paginate(account.roles, request.query);
      return {
        roleList: page.map((roleName) => ({ roleName, accountId })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    Logout(request) {
      const session = requireSession(request);
      session.ended = true;
      return undefined;
    },
  };
}
