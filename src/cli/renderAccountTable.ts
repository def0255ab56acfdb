import { describeLoginTarget } from "../errors/describeLoginTarget.js";
import type { AccountRoles } from "../login/AccountRoles.js";
import type { LoginSession } from "../login/LoginSession.js";

/** `list` on a terminal (or without --json): the accounts and their roles as an aligned table. */
export function renderAccountTable(session: LoginSession, accounts: readonly AccountRoles[]): string {
  const out = [`Accounts and roles of ${describeLoginTarget(session.target)} (${session.startUrl}):`];
  if (accounts.length === 0) {
    out.push("  none: this user has no account assignments in IAM Identity Center");
    return `${out.join("\n")}\n`;
  }
  const rows = [
    ["ACCOUNT", "NAME", "EMAIL", "ROLES"],
    ...accounts.map((account) => [account.accountId, account.accountName ?? "-", account.emailAddress ?? "-", account.roles.length > 0 ? account.roles.join(", ") : "-"]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) out.push(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  "));
  return `${out.join("\n")}\n`;
}
