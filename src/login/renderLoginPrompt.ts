import { describeLoginTarget } from "../errors/describeLoginTarget.js";
import { loginCommands } from "../errors/loginFixCommand.js";
import type { LoginPrompt } from "./LoginPrompt.js";

/** Whose words the text uses for the device code switch: the CLI's flag or the library's option. */
export type PromptWords = "cli" | "library";

/** The prompt as lines for a terminal (stderr), ending with a newline. */
export function renderLoginPrompt(prompt: LoginPrompt, words: PromptWords = "cli"): string {
  const what = describeLoginTarget(prompt.target);
  switch (prompt.type) {
    case "open-url": {
      const lines = prompt.openBrowser
        ? [`Opening the IAM Identity Center sign-in page in your browser, for ${what}.`, "If it does not open, open this URL in a browser on this machine:"]
        : [`To sign in to ${what}, open this URL in a browser on this machine:`];
      lines.push("", `  ${prompt.url}`, "");
      if (prompt.headless) {
        const flag = words === "cli" ? "--use-device-code" : 'the `flow: "device"` option';
        lines.push(
          "This machine looks headless (an SSH session, or no display): a browser elsewhere cannot reach 127.0.0.1 here.",
          `If that is your case, stop this login (Ctrl-C) and use a code instead (${flag}): ${loginCommands(prompt.target).ours} --use-device-code`,
          "",
        );
      }
      lines.push("Waiting for the browser to complete the sign-in...");
      return `${lines.join("\n")}\n`;
    }
    case "enter-code": {
      const lines = [
        `To sign in to ${what}, ${prompt.openBrowser ? "a browser is being opened at" : "open"} this URL, on any device:`,
        "",
        `  ${prompt.verificationUri}`,
        "",
        "and enter the code:",
        "",
        `  ${prompt.userCode}`,
        "",
      ];
      if (prompt.verificationUriComplete !== undefined) lines.push("(or open this URL, which fills in the code:", `  ${prompt.verificationUriComplete} )`, "");
      lines.push(`The code is valid until ${prompt.expiresAt.toISOString()}. Waiting for the sign-in...`);
      return `${lines.join("\n")}\n`;
    }
    case "browser-failed":
      return `Could not open a browser (${prompt.reason}). Open the URL above yourself; the login is still waiting.\n`;
    case "waiting": {
      const who = prompt.pid === undefined ? "another process" : `process ${prompt.pid}`;
      const since = prompt.since === undefined ? "" : ` (started ${prompt.since.toISOString()})`;
      return `Waiting for the login to ${what} in progress in ${who}${since}; this one goes on with its token.\n`;
    }
    case "joined": {
      const who = prompt.pid === undefined ? "another process" : `process ${prompt.pid}`;
      return `The login to ${what} in ${who} completed; using its token.\n`;
    }
  }
}
