import type { SSOClient } from "@aws-sdk/client-sso";

import type { Clock } from "../clock/Clock.js";
import { AccountListFailedError } from "../errors/AccountListFailedError.js";
import { AccountListUnauthorizedError } from "../errors/AccountListUnauthorizedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import type { AccountRoles } from "./AccountRoles.js";
import { callWithDeadline } from "./callWithDeadline.js";

export interface ListAccountRolesOptions {
  sso: SSOClient;
  accessToken: string;
  target: LoginTarget;
  clock: Clock;
  /** Bound on each call (SDK retries included). */
  timeoutMs: number;
}

/** ListAccountRoles calls in flight at once: the portal throttles (429) a burst. */
const ROLE_CONCURRENCY = 4;

/**
 * Every account the session's token can reach (ListAccounts, all pages), and for each, every role
 * (ListAccountRoles, all pages). A 401 is an {@link AccountListUnauthorizedError} (log in again); any
 * other failure an {@link AccountListFailedError}.
 */
export async function listAccountRoles(options: ListAccountRolesOptions): Promise<AccountRoles[]> {
  const { ListAccountsCommand, ListAccountRolesCommand } = await import("@aws-sdk/client-sso");
  const { sso, accessToken, clock, timeoutMs, target } = options;
  const call = async <T>(operation: "ListAccounts" | "ListAccountRoles", send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> => {
    const outcome = await callWithDeadline(send, { clock, timeoutMs });
    if (outcome.ok) return outcome.output;
    const { failure } = outcome;
    const details = { target, operation, serviceCode: failure.code, httpStatusCode: failure.httpStatusCode, requestId: failure.requestId, cause: failure.cause };
    if (failure.code === "UnauthorizedException" || failure.httpStatusCode === 401) throw new AccountListUnauthorizedError(details);
    throw new AccountListFailedError({ ...details, problem: failure.summary });
  };

  const accounts: { accountId: string; accountName: string | undefined; emailAddress: string | undefined }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call("ListAccounts", (abortSignal) => sso.send(new ListAccountsCommand({ accessToken, nextToken }), { abortSignal }));
    for (const account of page.accountList ?? []) {
      if (typeof account.accountId !== "string" || account.accountId === "") continue;
      accounts.push({ accountId: account.accountId, accountName: account.accountName, emailAddress: account.emailAddress });
    }
    nextToken = page.nextToken || undefined;
  } while (nextToken !== undefined);

  const rolesOf = async (accountId: string): Promise<string[]> => {
    const roles: string[] = [];
    let next: string | undefined;
    do {
      const page = await call("ListAccountRoles", (abortSignal) => sso.send(new ListAccountRolesCommand({ accessToken, accountId, nextToken: next }), { abortSignal }));
      for (const role of page.roleList ?? []) if (typeof role.roleName === "string" && role.roleName !== "") roles.push(role.roleName);
      next = page.nextToken || undefined;
    } while (next !== undefined);
    return roles;
  };
  const result: AccountRoles[] = new Array(accounts.length);
  let index = 0;
  const worker = async (): Promise<void> => {
    while (index < accounts.length) {
      const at = index++;
      const account = accounts[at]!;
      result[at] = { ...account, roles: await rolesOf(account.accountId) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(ROLE_CONCURRENCY, accounts.length) }, worker));
  return result;
}
