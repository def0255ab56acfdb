import { describeLoginTarget } from "../errors/describeLoginTarget.js";
import type { AccountRoles } from "../login/AccountRoles.js";
import type { LoginSession } from "../login/LoginSession.js";

const BOLD = ["\u001b[1m", "\u001b[22m"] as const;
const DIM = ["\u001b[2m", "\u001b[22m"] as const;

/**
 * `list` without --json or --config: the accounts and their roles as an aligned table. With `colour`,
 * the header is bold and empty cells dim.
 */
export function renderAccountTable(session: LoginSession, accounts: readonly AccountRoles[], colour = false): string {
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
  for (const [index, row] of rows.entries()) {
    const cells = row.map((cell, column) => {
      const style = !colour ? undefined : index === 0 ? BOLD : cell === "-" ? DIM : undefined;
      const padding = column === row.length - 1 ? "" : " ".repeat(widths[column]! - cell.length);
      return (style === undefined ? cell : `${style[0]}${cell}${style[1]}`) + padding;
    });
    out.push(cells.join("  "));
  }
  return `${out.join("\n")}\n`;
}
