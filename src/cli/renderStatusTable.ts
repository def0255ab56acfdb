import { configFileAdvice } from "../errors/configFileAdvice.js";
import { cliWords } from "./cliWords.js";
import { formatDuration } from "./formatDuration.js";
import type { SessionStatus, SsoStatusReport } from "./SsoStatusReport.js";

type Colour = "green" | "yellow" | "red" | "dim";

const ANSI: Readonly<Record<Colour, readonly [string, string]>> = {
  green: ["\u001b[32m", "\u001b[39m"],
  yellow: ["\u001b[33m", "\u001b[39m"],
  red: ["\u001b[31m", "\u001b[39m"],
  dim: ["\u001b[2m", "\u001b[22m"],
};

/** A table cell: its text, and the colour it gets on a terminal. */
interface Cell {
  text: string;
  colour?: Colour;
}

/** Below this a token that cannot be refreshed is shown as about to run out. */
const SOON_SECONDS = 15 * 60;

/** The report as two aligned tables (sessions, profiles) and the logins to run. Colours only when `colour` is true. */
export function renderStatusTable(report: SsoStatusReport, colour: boolean): string {
  const paint = (cell: Cell): string => {
    if (!colour || cell.colour === undefined) return cell.text;
    const [open, close] = ANSI[cell.colour];
    return `${open}${cell.text}${close}`;
  };
  const out: string[] = [];

  out.push(`SSO sessions (token cache ${report.cacheDir})`);
  if (report.sessions.length === 0) {
    out.push("  none: add an [sso-session] and a profile with: aws configure sso");
  } else {
    out.push(
      ...table(
        ["SESSION", "START URL", "SSO REGION", "TOKEN", "REFRESH", "LOGIN", "PROFILES"],
        report.sessions.map((session) => [
          { text: session.ssoSession ?? "(legacy)" },
          { text: session.startUrl ?? "-" },
          { text: session.ssoRegion ?? "-" },
          tokenCell(session),
          refreshCell(session),
          { text: session.loginFlows.join(", ") },
          { text: session.profiles.length > 0 ? session.profiles.join(", ") : "-" },
        ]),
        paint,
      ),
    );
  }

  out.push("", `Profiles (${report.configFile}${report.configFileExists ? "" : ": no such file"})`);
  if (!report.configFileExists && report.profiles.length === 0) {
    out.push(...`none: the config file does not exist. ${configFileAdvice(report.configFile, cliWords)}`.split("\n").map((line) => `  ${line}`));
  } else if (report.profiles.length === 0) {
    out.push("  none: create one with: aws configure sso");
  } else {
    out.push(
      ...table(
        ["PROFILE", "SESSION", "ACCOUNT", "ROLE", "REGION", "VIA"],
        report.profiles.map((profile) => [
          { text: profile.profile, colour: profile.error === null ? undefined : "red" },
          { text: profile.ssoSession ?? (profile.startUrl !== null ? "(legacy)" : "-") },
          { text: profile.accountId ?? "-" },
          { text: profile.roleName ?? "-" },
          { text: profile.region ?? "-" },
          // A chained profile: the profiles its credentials come through, down to the SSO profile.
          { text: profile.via.length > 0 ? profile.via.join(" > ") : "-", colour: profile.via.length > 0 ? "dim" : undefined },
        ]),
        paint,
      ),
    );
  }

  const notes: string[] = [];
  for (const session of report.sessions) {
    const name = session.ssoSession ?? session.startUrl ?? "?";
    if (session.problem !== null) notes.push(`${name}: ${session.problem}`);
    else if (session.needsLogin) notes.push(`${name}: log in with: ${session.loginCommand} (or: ${session.awsCliLoginCommand})`);
  }
  for (const profile of report.profiles) {
    if (profile.error !== null) notes.push(`profile ${profile.profile}: ${profile.error}`);
  }
  if (notes.length > 0) out.push("", ...notes);
  if (report.nodeSupport !== null) out.push("", paint({ text: report.nodeSupport, colour: "yellow" }));
  return `${out.join("\n")}\n`;
}

function tokenCell(session: SessionStatus): Cell {
  switch (session.token) {
    case "missing":
      return { text: "not logged in", colour: "red" };
    case "unusable":
      return { text: "unusable cache file", colour: "red" };
    case "expired":
      return {
        text: `expired ${formatDuration(session.expiresInSeconds ?? 0)} ago`,
        colour: session.canRefresh ? "yellow" : "red",
      };
    case "valid": {
      const left = session.expiresInSeconds ?? 0;
      return {
        text: `valid, ${formatDuration(left)} left`,
        colour: !session.canRefresh && left < SOON_SECONDS ? "yellow" : "green",
      };
    }
  }
}

function refreshCell(session: SessionStatus): Cell {
  if (session.canRefresh) return { text: "yes", colour: "green" };
  if (session.token === "missing" || session.token === "unusable") return { text: "-", colour: "dim" };
  return { text: `no: ${session.refreshBlocker ?? "unknown"}`, colour: session.token === "expired" ? "red" : "dim" };
}

/** Rows padded to their column's width (measured without colour codes), two spaces apart. */
function table(headers: string[], rows: Cell[][], paint: (cell: Cell) => string): string[] {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]?.text.length ?? 0)));
  const line = (cells: Cell[]): string =>
    cells
      .map((cell, column) => {
        const last = column === cells.length - 1;
        return paint(cell) + (last ? "" : " ".repeat((widths[column] ?? 0) - cell.text.length));
      })
      .join("  ");
  return [line(headers.map((text) => ({ text }))), ...rows.map(line)];
}
