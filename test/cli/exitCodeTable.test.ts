// The same failure gives the same exit code whichever command meets it: the table of failure →
// code, across every command that can meet it. (serve is in the rows it ends on: a login that is
// needed, or a service that fails, it reports and serves as an error until fixed, by design.)
import assert from "node:assert/strict";
import { rm, writeFile } from "node:fs/promises";
import { test, type TestContext } from "node:test";

import { sessionProfileConfig } from "../helpers/ssoFixture.js";
import { cliWorld, START_URL, type CliWorld, type CliWorldOptions } from "./cliHarness.js";

const COMMANDS: Record<string, string[]> = {
  "credential-process": ["credential-process", "--profile", "dev"],
  env: ["env", "--profile", "dev"],
  exec: ["exec", "--profile", "dev", "--", "true"],
  "status --profile": ["status", "--profile", "dev"],
  list: ["list", "--profile", "dev"],
  serve: ["serve", "--profile", "dev"],
  login: ["login", "--profile", "dev", "--no-browser"],
  logout: ["logout", "--profile", "dev"],
};

interface Row {
  failure: string;
  code: number;
  commands: string[];
  world?: CliWorldOptions;
  /** Breaks the world after it is made. */
  arrange?: (w: CliWorld) => Promise<void>;
  /** Instead of the command's usual arguments. */
  args?: (command: string[]) => string[];
}

const ROWS: Row[] = [
  { failure: "an unknown option", code: 64, commands: Object.keys(COMMANDS), args: (command) => [...command.slice(0, 1), "--bogus", ...command.slice(1)] },
  { failure: "an empty --profile", code: 64, commands: Object.keys(COMMANDS), args: (command) => [command[0] as string, "--profile", "", ...command.slice(3)] },
  { failure: "a profile that is not in the config", code: 78, commands: Object.keys(COMMANDS), args: (command) => command.map((arg) => (arg === "dev" ? "nope" : arg)) },
  { failure: "no config file", code: 78, commands: Object.keys(COMMANDS), arrange: (w) => rm(w.fixture.configPath) },
  { failure: "a profile's sso_session with no [sso-session]", code: 78, commands: Object.keys(COMMANDS), arrange: (w) => writeFile(w.fixture.configPath, "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n") },
  { failure: "no cached token (login needed)", code: 77, commands: ["credential-process", "env", "exec", "status --profile", "list"], world: { noToken: true } },
  { failure: "a corrupt token cache file", code: 74, commands: ["credential-process", "env", "exec", "status --profile", "list"], arrange: (w) => writeFile(w.cachePath, "{ not json") },
  {
    failure: "an expired token whose session has ended (refresh refused)",
    code: 77,
    commands: ["credential-process", "env", "exec", "status --profile", "list"],
    world: { session: { accessTokenExpired: true } },
    arrange: async (w) => {
      // The first refusal is recorded beside the cache file; every command then knows without asking.
      w.emu.failNext("CreateToken", 1, { status: 400, errorType: "InvalidGrantException" });
      assert.equal((await w.run(["env", "--profile", "dev"])).code, 77);
    },
  },
  {
    failure: "a role the user is not assigned (service refusal)",
    code: 69,
    commands: ["credential-process", "env", "exec"],
    world: { config: sessionProfileConfig({ startUrl: START_URL, roleName: "NotAssigned" }) },
  },
];

async function codes(t: TestContext, row: Row): Promise<Record<string, number | null>> {
  const w = await cliWorld(t, row.world);
  await row.arrange?.(w);
  const got: Record<string, number | null> = {};
  for (const name of row.commands) {
    const command = COMMANDS[name] as string[];
    const result = await w.run(row.args?.(command) ?? command);
    got[name] = result.code;
    if (result.code === 0) t.diagnostic(`${row.failure}: ${name} succeeded: ${result.stderr}`);
  }
  return got;
}

for (const row of ROWS) {
  test(`${row.failure}: exit ${row.code} from ${row.commands.join(", ")}`, async (t) => {
    const got = await codes(t, row);
    assert.deepEqual(got, Object.fromEntries(row.commands.map((name) => [name, row.code])), `${row.failure}: the same code from every command`);
  });
}
