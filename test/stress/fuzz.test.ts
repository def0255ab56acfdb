// Seeded fuzzing of the two parsers that read files a user (or another tool) wrote: the shared
// config parser and the token cache reader. 10,000 inputs each, random or mutated from real files;
// only our typed errors may come out. The slowest input is measured and printed, not asserted.
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import { parseSharedConfigFile } from "../../src/config/parseSharedConfigFile.js";
import { resolveSsoProfile } from "../../src/config/resolveSsoProfile.js";
import { ConfigFileParseError } from "../../src/errors/ConfigFileParseError.js";
import { SsoConfigError } from "../../src/errors/SsoConfigError.js";
import { SsoTokenCacheFileError } from "../../src/errors/SsoTokenCacheFileError.js";
import { CachedSsoToken } from "../../src/token/CachedSsoToken.js";
import { readTokenFile } from "../../src/token/readTokenFile.js";
import { SeededRandom } from "../robustness/seededRandom.js";

const INPUTS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
const CORPUS = fileURLToPath(new URL("../fixtures/bad-input/", import.meta.url));

const VALID_CONFIG = `[default]
region = us-east-1

[profile dev]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = eu-west-1 ; a comment
s3 =
  max_concurrent_requests = 20

[sso-session my-sso]
sso_start_url = https://my-org.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = https://my-org.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin
`;

const VALID_TOKEN = {
  startUrl: "https://my-org.awsapps.com/start",
  region: "us-east-1",
  accessToken: "fuzz-access-token",
  expiresAt: "2031-01-01T00:00:00Z",
  clientId: "fuzz-client",
  clientSecret: "fuzz-client-secret",
  registrationExpiresAt: "2031-03-01T00:00:00Z",
  refreshToken: "fuzz-refresh-token",
};

const CONFIG_PIECES = ["[", "]", "=", " = ", "#", ";", " #", " ;", "\t", " ", "\r", "\n", "\n  ", "\n\t", "profile ", "sso-session ", "default", "sso_session", "sso_region", "sso_start_url", "\uFEFF", "\u0000", "é", "💥", "%", "..", "${HOME}", "\\"];
const JSON_VALUES: unknown[] = [null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, "", " ", "2031-01-01T00:00:00Z", "2031-01-01 00:00:00UTC", "2031-13-45T99:99:99Z", "0000-00-00T00:00:00Z", "x".repeat(1000), [], {}, ["a"], { a: 1 }, "\u0000", "💥"];
const TOKEN_FIELDS = [...Object.keys(VALID_TOKEN), "__proto__", "constructor", "toString", "futureField"];

interface FuzzOutcome {
  accepted: number;
  rejected: number;
  unexpected: { input: string; error: string }[];
  slowest: { ms: number; family: string; length: number };
}

function mutateText(random: SeededRandom, text: string, pieces: readonly string[]): string {
  let out = text;
  const edits = 1 + random.int(8);
  for (let i = 0; i < edits; i++) {
    const at = random.int(out.length + 1);
    switch (random.int(6)) {
      case 0: // insert a piece of the format
        out = out.slice(0, at) + random.pick(pieces) + out.slice(at);
        break;
      case 1: // delete a run
        out = out.slice(0, at) + out.slice(at + 1 + random.int(20));
        break;
      case 2: // a random code unit
        out = out.slice(0, at) + String.fromCharCode(random.int(0x10000)) + out.slice(at + 1);
        break;
      case 3: // duplicate a run
        out = out.slice(0, at) + out.slice(at, at + random.int(200)) + out.slice(at);
        break;
      case 4: // cut short
        out = out.slice(0, at);
        break;
      default: // swap two lines
        {
          const lines = out.split("\n");
          const a = random.int(lines.length);
          const b = random.int(lines.length);
          [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
          out = lines.join("\n");
        }
    }
  }
  return out;
}

/** Inputs made to be slow: long runs of what the parsers scan for. */
function adversarial(random: SeededRandom, pieces: readonly string[]): { name: string; text: string } {
  const n = 1_000 + random.int(50_000);
  const piece = random.pick([" ", "\t", "=", "[", "#", " #", ";", "a", " a", "\n", "\n ", "{", "[", '"', "\\"]);
  const run = piece.repeat(Math.ceil(n / piece.length));
  const shapes = [
    () => `[profile a]\nk = a${run}x`,
    () => `[profile a]\nk =${run}`,
    () => `[${run}]`,
    () => `${run}`,
    () => `[profile a]\n${run} = v`,
    () => `[profile a]\nk =\n ${run}= v`,
    () => `{"accessToken": "a${run}", "expiresAt": "2031-01-01T00:00:00Z"}`,
    () => `{"accessToken": "a", "expiresAt": "2031-01-01T00:00:00${run}Z"}`,
    () => "[".repeat(n) + "]".repeat(n),
    () => `{"a":`.repeat(Math.min(n, 20_000)) + "1" + "}".repeat(Math.min(n, 20_000)),
    () => random.pick(pieces).repeat(n),
  ];
  const shape = random.int(shapes.length);
  return { name: `adversarial shape ${shape}, a run of ${JSON.stringify(piece)}`, text: (shapes[shape] as () => string)() };
}

function randomText(random: SeededRandom, pieces: readonly string[]): string {
  const parts: string[] = [];
  const n = random.int(60);
  for (let i = 0; i < n; i++) parts.push(random.chance(0.7) ? random.pick(pieces) : String.fromCharCode(32 + random.int(95)));
  return parts.join("");
}

function randomTokenRecord(random: SeededRandom): string {
  const record: Record<string, unknown> = random.chance(0.5) ? { ...VALID_TOKEN } : {};
  const edits = 1 + random.int(5);
  for (let i = 0; i < edits; i++) {
    const field = random.pick(TOKEN_FIELDS);
    if (random.chance(0.3)) delete record[field];
    else record[field] = random.pick(JSON_VALUES);
  }
  const text = JSON.stringify(record);
  return random.chance(0.3) ? mutateText(random, text, ['"', ":", ",", "{", "}", "[", "]", "null", "\\u0000", "\\", " "]) : text;
}

async function fuzz(family: (random: SeededRandom, i: number) => { name: string; text: string }, check: (text: string) => "accepted" | "rejected"): Promise<FuzzOutcome> {
  const random = new SeededRandom(SEED);
  const outcome: FuzzOutcome = { accepted: 0, rejected: 0, unexpected: [], slowest: { ms: 0, family: "", length: 0 } };
  for (let i = 0; i < INPUTS; i++) {
    const { name, text } = family(random, i);
    const started = performance.now();
    try {
      outcome[check(text)]++;
    } catch (error) {
      outcome.unexpected.push({ input: JSON.stringify(text.slice(0, 200)), error: `${(error as Error)?.name}: ${(error as Error)?.message}` });
    }
    const ms = performance.now() - started;
    if (ms > outcome.slowest.ms) outcome.slowest = { ms, family: name, length: text.length };
  }
  return outcome;
}

function report(t: { diagnostic(message: string): void }, what: string, outcome: FuzzOutcome): void {
  t.diagnostic(
    `${what}: ${INPUTS} inputs (seed ${SEED}): ${outcome.accepted} accepted, ${outcome.rejected} typed errors, ${outcome.unexpected.length} other errors; ` +
      `slowest input ${outcome.slowest.ms.toFixed(1)} ms (${outcome.slowest.family}, ${outcome.slowest.length} characters)`,
  );
}

test("config parser: 10,000 seeded inputs give a SharedConfig or a ConfigFileParseError, and resolving a profile only typed errors", async (t) => {
  const seeds = [VALID_CONFIG, ...(await Promise.all((await readdir(CORPUS)).filter((name) => name.endsWith(".ini")).map((name) => readFile(join(CORPUS, name), "utf8"))))];
  const outcome = await fuzz(
    (random, i) => {
      if (i % 50 === 0) return adversarial(random, CONFIG_PIECES);
      if (random.chance(0.2)) return { name: "random", text: randomText(random, CONFIG_PIECES) };
      return { name: "mutated", text: mutateText(random, random.pick(seeds), CONFIG_PIECES) };
    },
    (text) => {
      let config;
      try {
        config = parseSharedConfigFile(text, text.length % 2 === 0 ? "config" : "credentials", "/fuzz/config");
      } catch (error) {
        if (error instanceof ConfigFileParseError) return "rejected";
        throw error;
      }
      for (const profile of ["dev", "legacy", "default"]) {
        try {
          resolveSsoProfile(profile, {}, config, "/fuzz/config");
        } catch (error) {
          if (!(error instanceof SsoConfigError)) throw error;
        }
      }
      return "accepted";
    },
  );
  report(t, "parseSharedConfigFile + resolveSsoProfile", outcome);
  assert.deepEqual(outcome.unexpected.slice(0, 5), []);
});

test("token cache reader: 10,000 seeded inputs give a token or an SsoTokenCacheFileError (every 10th also read from a file)", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "fuzz-cache-"));
  try {
    const seeds = [JSON.stringify(VALID_TOKEN), ...(await Promise.all((await readdir(CORPUS)).filter((name) => name.endsWith(".json")).map((name) => readFile(join(CORPUS, name), "utf8"))))];
    const target = { ssoSession: "fuzz" };
    const texts: string[] = [];
    const outcome = await fuzz(
      (random, i) => {
        const made =
          i % 50 === 0
            ? adversarial(random, ['"', "{", "[", ":", ","])
            : random.chance(0.5)
              ? { name: "random record", text: randomTokenRecord(random) }
              : { name: "mutated", text: mutateText(random, random.pick(seeds), ['"', ":", ",", "{", "}", "null", "\\", " ", "\uFEFF"]) };
        if (i % 10 === 0) texts.push(made.text);
        return made;
      },
      (text) => {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return "rejected";
        }
        try {
          const token = CachedSsoToken.fromJson(value, "/fuzz/token.json", target);
          // What a parsed token is used for must not throw either.
          void [token.accessToken, token.refreshToken, token.clientId, token.clientSecret, token.expiresAt.getTime(), String(token), JSON.stringify(token)];
          token.withRefresh({ accessToken: "new", expiresInSeconds: 60 }, Date.now()).serialize();
          return "accepted";
        } catch (error) {
          if (error instanceof SsoTokenCacheFileError) return "rejected";
          throw error;
        }
      },
    );
    report(t, "CachedSsoToken.fromJson", outcome);
    assert.deepEqual(outcome.unexpected.slice(0, 5), []);

    // The same inputs (every 10th) as files, through readTokenFile; the file must stay as it was.
    let slowestFile = 0;
    const fileFailures: string[] = [];
    for (const [i, text] of texts.entries()) {
      const path = join(dir, `t${i}.json`);
      const bytes = Buffer.from(text, "utf8");
      await writeFile(path, bytes);
      const started = performance.now();
      try {
        await readTokenFile(path, target);
      } catch (error) {
        if (!(error instanceof SsoTokenCacheFileError)) fileFailures.push(`${(error as Error)?.name}: ${(error as Error)?.message}`);
      }
      slowestFile = Math.max(slowestFile, performance.now() - started);
      if (!(await readFile(path)).equals(bytes)) fileFailures.push(`file ${i} changed`);
      await rm(path);
    }
    t.diagnostic(`readTokenFile: ${texts.length} files, ${fileFailures.length} other errors; slowest ${slowestFile.toFixed(1)} ms`);
    assert.deepEqual(fileFailures.slice(0, 5), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
