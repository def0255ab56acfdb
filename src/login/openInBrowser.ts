import { delimiter } from "node:path";

/** Whether the browser could be started; `reason` says why not, for the user. */
export type BrowserOpenOutcome = { opened: true } | { opened: false; reason: string };

export interface OpenInBrowserOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
}

/**
 * Opens `url` in the user's browser, without a shell: `BROWSER` when set (its first entry, split on
 * the path delimiter as Python's `webbrowser` does; the command's words split on spaces, the URL
 * in place of `%s` or else as the last argument), else the platform's opener (`xdg-open`, `open`,
 * `start`). Resolves once the opener has exited (0: opened) or could not be run; a browser that keeps
 * running resolves nothing, and never keeps this process alive.
 */
export async function openInBrowser(url: string, options: OpenInBrowserOptions): Promise<BrowserOpenOutcome> {
  const [command, ...args] = browserCommand(url, options);
  // Loaded when a browser is opened: a process that never logs in never pays for child_process.
  const { spawn } = await import("node:child_process");
  return new Promise((resolve) => {
    if (command === undefined) {
      resolve({ opened: false, reason: "BROWSER names no command" });
      return;
    }
    let child;
    try {
      child = spawn(command, args, {
        stdio: "ignore",
        detached: true,
        env: options.env as NodeJS.ProcessEnv,
        // `start` is a cmd.exe built-in; the URL is quoted for it (it has no `"`: it is percent-encoded).
        windowsVerbatimArguments: command === "cmd.exe",
      });
    } catch (error) {
      resolve({ opened: false, reason: `${command} could not be run (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
      return;
    }
    child.once("error", (error: NodeJS.ErrnoException) => resolve({ opened: false, reason: `${command} could not be run (${error.code ?? error.message})` }));
    child.once("exit", (code, signal) => {
      if (code === 0) resolve({ opened: true });
      else resolve({ opened: false, reason: `${command} ${signal === null ? `exited with ${String(code)}` : `was ended by ${signal}`}` });
    });
    child.unref();
  });
}

function browserCommand(url: string, options: OpenInBrowserOptions): string[] {
  const browser = options.env.BROWSER?.split(delimiter).find((entry) => entry.trim() !== "");
  if (browser !== undefined) {
    const words = browser.trim().split(/\s+/);
    return words.some((word) => word.includes("%s")) ? words.map((word) => word.replaceAll("%s", url)) : [...words, url];
  }
  switch (options.platform ?? process.platform) {
    case "darwin":
      return ["open", url];
    case "win32":
      return ["cmd.exe", "/d", "/s", "/c", `start "" "${url}"`];
    default:
      return ["xdg-open", url];
  }
}
