// In-process: the nearest-word rule of "did you mean", the colour rule, and the reading of a
// credential_process command that runs aws-sso-creds.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { colourEnabled } from "../../src/cli/colourEnabled.js";
import { nearestWords } from "../../src/cli/nearestWords.js";
import { ownCredentialProcess } from "../../src/config/ownCredentialProcess.js";

const COMMANDS = ["credential-process", "env", "exec", "serve", "status", "login", "logout", "list", "completion", "help"];

describe("nearestWords", () => {
  test("a swap, a missing, an extra or a wrong letter", () => {
    assert.deepEqual(nearestWords("stauts", COMMANDS), ["status"]);
    assert.deepEqual(nearestWords("lgoin", COMMANDS), ["login"]);
    assert.deepEqual(nearestWords("envv", COMMANDS), ["env"]);
    assert.deepEqual(nearestWords("exce", COMMANDS), ["exec"]);
    assert.deepEqual(nearestWords("STATUS", COMMANDS), ["status"], "case is ignored");
    assert.deepEqual(nearestWords("status", COMMANDS), [], "a word is not its own suggestion");
  });
  test("a beginning of one or a few commands", () => {
    assert.deepEqual(nearestWords("credential", COMMANDS), ["credential-process"]);
    assert.deepEqual(nearestWords("comp", COMMANDS), ["completion"]);
  });
  test("ties are all given; nothing far is offered", () => {
    assert.deepEqual(nearestWords("logn", COMMANDS), ["login"], "the nearest only");
    assert.deepEqual(nearestWords("lis", ["list", "lisp"]), ["list", "lisp"], "ties");
    assert.deepEqual(nearestWords("xyzzy", COMMANDS), []);
    assert.deepEqual(nearestWords("", COMMANDS), []);
    assert.deepEqual(nearestWords("q", COMMANDS), []);
  });
  test("options: the dashes count as characters, not in the length", () => {
    const options = ["--profile", "--format", "--no-color", "--no-cache", "--verbose", "-f", "-h"];
    assert.deepEqual(nearestWords("--profle", options), ["--profile"]);
    assert.deepEqual(nearestWords("--no-colour", options), ["--no-color"]);
    assert.deepEqual(nearestWords("--formt", options), ["--format"]);
    assert.deepEqual(nearestWords("--json", options), []);
  });
});

describe("colourEnabled", () => {
  const io = (env: NodeJS.ProcessEnv, tty: boolean) => ({ env, stdoutIsTTY: tty });
  test("a terminal: on, unless NO_COLOR, TERM=dumb or --no-color", () => {
    assert.equal(colourEnabled(io({}, true), false), true);
    assert.equal(colourEnabled(io({ NO_COLOR: "1" }, true), false), false);
    assert.equal(colourEnabled(io({ NO_COLOR: "" }, true), false), true, "an empty NO_COLOR is unset");
    assert.equal(colourEnabled(io({ TERM: "dumb" }, true), false), false);
    assert.equal(colourEnabled(io({}, true), true), false);
  });
  test("a pipe: off, unless FORCE_COLOR, which wins over NO_COLOR and TERM=dumb but not over --no-color", () => {
    assert.equal(colourEnabled(io({}, false), false), false);
    assert.equal(colourEnabled(io({ FORCE_COLOR: "1" }, false), false), true);
    assert.equal(colourEnabled(io({ FORCE_COLOR: "3", NO_COLOR: "1", TERM: "dumb" }, false), false), true);
    assert.equal(colourEnabled(io({ FORCE_COLOR: "0" }, true), false), false, "FORCE_COLOR=0 turns it off even on a terminal");
    assert.equal(colourEnabled(io({ FORCE_COLOR: "FALSE" }, true), false), false);
    assert.equal(colourEnabled(io({ FORCE_COLOR: "1" }, false), true), false);
  });
});

describe("ownCredentialProcess", () => {
  test("commands that run aws-sso-creds, and the --profile they pass", () => {
    const cases: [string, string | undefined][] = [
      ["aws-sso-creds credential-process --profile dev", "dev"],
      ["aws-sso-creds credential-process --profile=dev", "dev"],
      ["/usr/local/bin/aws-sso-creds credential-process --verbose --profile dev", "dev"],
      ["npx --yes aws-sso-creds@1.2.0 credential-process --profile dev", "dev"],
      ["'/opt/my tools/aws-sso-creds' credential-process --profile 'dev'", "dev"],
      ['"C:\\\\Program Files\\\\nodejs\\\\aws-sso-creds.cmd" credential-process --profile dev', "dev"],
      ["node /home/me/node_modules/aws-sso-credential-provider/dist/cjs/cli/bin.js credential-process --profile dev", "dev"],
      ["aws-sso-creds credential-process", undefined],
      ["aws-sso-creds credential-process --profile=", undefined],
    ];
    for (const [command, profile] of cases) assert.deepEqual(ownCredentialProcess(command), { command, profile }, command);
  });
  test("other commands are not ours", () => {
    for (const command of ["aws-vault exec dev --json", "granted credential-process --profile dev", "/bin/echo aws-sso-creds-like", "my-aws-sso-creds --profile dev"]) {
      assert.equal(ownCredentialProcess(command), undefined, command);
    }
  });
});
