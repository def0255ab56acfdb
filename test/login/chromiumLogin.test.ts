// The PKCE login through a real browser: Debian's headless Chromium, launched by the built CLI
// through BROWSER, loads the emulator's /authorize page, follows its redirect to our loopback
// callback, and the login completes. Chromium is kept on the loopback (every other host name is
// unresolvable, any other traffic goes to a dead local proxy). Skipped only where Chromium is not
// installed (.ci/run installs it).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";

import { cliWorld } from "../cli/cliHarness.js";

const CHROMIUM = ["/usr/bin/chromium", "chromium", "chromium-browser"].find((name) => spawnSync(name, ["--version"], { stdio: "ignore" }).status === 0);

describe("login in a real browser (headless Chromium)", { skip: CHROMIUM === undefined ? "Chromium is not installed (apt-get install chromium): the real-browser login test is skipped" : false }, () => {
  for (const flow of ["pkce", "device"] as const) {
    test(`${flow === "pkce" ? "login (PKCE)" : "login --use-device-code"}: Chromium signs in and the token is cached`, async (t) => {
      const w = await cliWorld(t, { noToken: true, emulator: { devicePollIntervalSeconds: 1 } });
      const dir = await mkdtemp(join(tmpdir(), "chromium-login-"));
      t.after(() => rm(dir, { recursive: true, force: true }));
      const script = join(dir, "browser.sh");
      const dom = join(dir, "dom.html");
      // The flags of the brief, plus the loopback confinement of the emulator's own Chromium test.
      await writeFile(
        script,
        `#!/bin/sh
echo "$1" >> "${join(dir, "launches.log")}"
exec "${CHROMIUM}" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \\
  --disable-component-update --disable-sync --no-pings "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" \\
  --proxy-server=http://127.0.0.1:9 --user-data-dir="${join(dir, "profile")}" --dump-dom "$1" > "${dom}" 2>/dev/null
`,
      );
      await chmod(script, 0o700);
      const args = flow === "pkce" ? ["login", "--profile", "dev"] : ["login", "--profile", "dev", "--use-device-code"];
      const result = await w.run(args, { BROWSER: script, DISPLAY: ":99" });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /aws-sso-creds: logged in to sso-session "my-sso"/);
      assert.equal(readFileSync(join(dir, "launches.log"), "utf8").trim().split("\n").length, 1);
      if (flow === "pkce") {
        assert.equal(w.emu.calls.Authorize, 1);
        assert.equal(w.emu.lastAuthorizeRequest?.outcome, "approved");
        // Chromium's last page is ours: the short "you can close this tab" page of the callback.
        await waitForFile(dom);
        assert.match(readFileSync(dom, "utf8"), /You are signed in to AWS\. You can close this tab/);
      } else {
        assert.equal(w.emu.calls.DeviceVerification, 1);
        assert.equal(w.emu.deviceAuthorizations[0]?.status, "consumed");
      }
      assert.ok(existsSync(join(w.fixture.cacheDir, "0ad374308c5a4e22f723adf10145eafad7c4031c.json")));
      const credentials = await w.run(["credential-process", "--profile", "dev"]);
      assert.equal(credentials.code, 0, credentials.stderr);
    });
  }
});

/** Chromium may still be writing its DOM when the CLI has already exited. */
async function waitForFile(path: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (existsSync(path) && readFileSync(path, "utf8").includes("</html>")) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
