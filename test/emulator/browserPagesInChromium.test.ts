// The browser-facing pages loaded by a real headless Chromium (Debian's `chromium` package), kept on
// the loopback: every other host name is unresolvable and any other traffic goes to a dead local proxy.
// Skipped when no Chromium is installed (`apt-get install chromium`).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { RegisterClientCommand, StartDeviceAuthorizationCommand } from "@aws-sdk/client-sso-oidc";
import { startCallbackServer } from "./testSupport/startCallbackServer.js";
import { startEmulatorWorld } from "./testSupport/startEmulatorWorld.js";

const CHROMIUM = ["chromium", "chromium-browser", "google-chrome"].find((name) => spawnSync("which", [name], { stdio: "ignore" }).status === 0);

/** Loads `url` in headless Chromium and resolves with the final page's DOM. */
function dumpDom(url: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), "emu-chromium-"));
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pings",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    `--user-data-dir=${profile}`,
    "--dump-dom",
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM ?? "chromium", args, { stdio: ["ignore", "pipe", "ignore"] });
    let dom = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (dom += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      rmSync(profile, { recursive: true, force: true });
      if (code === 0) resolve(dom);
      else reject(new Error(`chromium exited with ${String(code)}`));
    });
  });
}

describe("browser pages in headless Chromium", { skip: CHROMIUM === undefined ? "no chromium installed" : false }, () => {
  test("GET /authorize: Chromium follows the 302 to the loopback callback with code and state", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const callback = await startCallbackServer(t);
    const reg = await oidc.send(
      new RegisterClientCommand({
        clientName: "cli",
        clientType: "public",
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: ["http://127.0.0.1/oauth/callback"],
        issuerUrl: "https://example.awsapps.com/start",
        scopes: ["sso:account:access"],
      }),
    );
    const challenge = createHash("sha256").update(randomBytes(32).toString("base64url")).digest("base64url");
    const url = new URL("/authorize", emu.url);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: reg.clientId ?? "",
      redirect_uri: callback.redirectUri,
      state: "chromium-state",
      code_challenge_method: "S256",
      scopes: "sso:account:access",
      code_challenge: challenge,
    }).toString();
    const dom = await dumpDom(url.href);
    assert.match(dom, /done/);
    assert.equal(callback.received.length, 1);
    assert.equal(callback.received[0]?.get("state"), "chromium-state");
    assert.match(callback.received[0]?.get("code") ?? "", /^emu-code-/);
    assert.equal(emu.lastAuthorizeRequest?.outcome, "approved");
  });

  test("GET /device: Chromium approves a pending device login", async (t) => {
    const { emu, oidc } = await startEmulatorWorld(t);
    const reg = await oidc.send(new RegisterClientCommand({ clientName: "cli", clientType: "public" }));
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: "https://example.awsapps.com/start" }));
    const dom = await dumpDom(device.verificationUriComplete ?? "");
    assert.match(dom, /Request approved/);
    assert.equal(emu.deviceAuthorizations[0]?.status, "approved");
  });
});
