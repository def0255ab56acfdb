import type { LoginTarget } from "../errors/LoginTarget.js";

/**
 * What a login has to tell the user, as it happens. Only the verification URL, the user code and
 * the authorize URL are shown: they are meant for the user. No token, secret, device code or code
 * verifier is ever in a prompt.
 */
export type LoginPrompt =
  /** PKCE: the browser is (or, with `openBrowser: false`, must be) sent to `url`, on this machine. */
  | {
      readonly type: "open-url";
      readonly target: LoginTarget;
      readonly url: string;
      readonly openBrowser: boolean;
      /** The machine looks headless (SSH, no display): the device code flow may be what works. */
      readonly headless: boolean;
    }
  /** Device code: open `verificationUri` on any device and enter `userCode` (or open `verificationUriComplete`). */
  | {
      readonly type: "enter-code";
      readonly target: LoginTarget;
      readonly verificationUri: string;
      readonly verificationUriComplete: string | undefined;
      readonly userCode: string;
      readonly expiresAt: Date;
      readonly openBrowser: boolean;
    }
  /** The browser could not be opened; the URL already shown is the way. The wait goes on. */
  | { readonly type: "browser-failed"; readonly target: LoginTarget; readonly url: string; readonly reason: string }
  /** Another process is logging in to the same session: this one waits for its token instead of starting a login. */
  | { readonly type: "waiting"; readonly target: LoginTarget; readonly pid: number | undefined; readonly since: Date | undefined }
  /** The login this process waited for completed. */
  | { readonly type: "joined"; readonly target: LoginTarget; readonly pid: number | undefined };
