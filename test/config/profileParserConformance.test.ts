// The cross-SDK profile-parser suite, every case, none skipped. The adapter below only translates our
// representation into the suite's: sub-property maps become the "\nname = value" text the suite expects.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ConfigFileParseError } from "../../src/errors/ConfigFileParseError.js";
import { mergeSharedConfigFiles } from "../../src/config/mergeSharedConfigFiles.js";
import { parseSharedConfigFile } from "../../src/config/parseSharedConfigFile.js";
import type { ConfigSection, SharedConfig } from "../../src/config/SharedConfig.js";
import { thrownBy } from "./expectError.js";

type SuiteSections = Record<string, Record<string, string>>;

interface SuiteCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: { config: { profiles: SuiteSections; sso_sessions?: SuiteSections } } | { errorContaining: string };
}

// The suite is vendored (public cross-SDK test data, see its README), so a clone tests on its own.
// The project's shared checkout, when it sits beside the repository, holds the copy it came from.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const vendoredDir = resolve(repoRoot, "test", "fixtures", "conformance");
const sharedDir = resolve(repoRoot, "..", "shared", "conformance");
const suitePath = resolve(vendoredDir, "profile-parser-tests.json");

function loadSuite(): SuiteCase[] | Error {
  try {
    const parsed = JSON.parse(readFileSync(suitePath, "utf8")) as { tests?: unknown };
    if (!Array.isArray(parsed.tests) || parsed.tests.length === 0) return new Error("it has no \"tests\" array");
    return parsed.tests as SuiteCase[];
  } catch (error) {
    return error as Error;
  }
}

function sectionsToSuite(sections: ReadonlyMap<string, ConfigSection>): SuiteSections {
  return Object.fromEntries([...sections].map(([name, section]) => [name, sectionToSuite(section)]));
}

function sectionToSuite(section: ConfigSection): Record<string, string> {
  return Object.fromEntries(
    [...section].map(([name, value]) => [
      name,
      typeof value === "string"
        ? value
        : [...value].map(([subName, subValue]) => (subValue === "" ? `\n${subName} =` : `\n${subName} = ${subValue}`)).join(""),
    ]),
  );
}

function parseCase(input: SuiteCase["input"]): SharedConfig {
  // A file the case does not give is an absent file, which reads as an empty one.
  return mergeSharedConfigFiles(
    parseSharedConfigFile(input.configFile ?? "", "config", "config-under-test"),
    parseSharedConfigFile(input.credentialsFile ?? "", "credentials", "credentials-under-test"),
  );
}

const suite = loadSuite();

if (suite instanceof Error) {
  test("profile-parser conformance suite is present", () => {
    assert.fail(
      `Cannot read the conformance suite ${suitePath}: ${suite.message}. ` +
        `It is vendored in the repository; restore it with \`git checkout -- ${vendoredDir}\`.`,
    );
  });
} else {
  for (const [index, testCase] of suite.entries()) {
    // Two cases share a name; the number keeps every test's name unique.
    test(`profile-parser case ${index + 1}: ${testCase.name}`, () => {
      const { output } = testCase;
      if ("errorContaining" in output) {
        const error = thrownBy(() => parseCase(testCase.input), ConfigFileParseError);
        assert.ok(
          error.message.includes(output.errorContaining),
          `expected the message to contain "${output.errorContaining}": ${error.message}`,
        );
        return;
      }
      const config = parseCase(testCase.input);
      assert.deepEqual(sectionsToSuite(config.profiles), output.config.profiles);
      if (output.config.sso_sessions !== undefined) {
        assert.deepEqual(sectionsToSuite(config.ssoSessions), output.config.sso_sessions);
      }
    });
  }
}

test(
  "the vendored suite is byte for byte the shared checkout's copy",
  { skip: existsSync(sharedDir) ? false : `no shared checkout at ${sharedDir} to compare with` },
  () => {
    const names = readdirSync(sharedDir).sort();
    assert.ok(names.includes("profile-parser-tests.json"), `${sharedDir} has no profile-parser-tests.json`);
    for (const name of names) {
      const vendored = resolve(vendoredDir, name);
      assert.ok(existsSync(vendored), `${name} is in ${sharedDir} but not vendored: cp ${resolve(sharedDir, name)} ${vendoredDir}/`);
      assert.ok(
        readFileSync(vendored).equals(readFileSync(resolve(sharedDir, name))),
        `${vendored} differs from ${resolve(sharedDir, name)}: cp ${resolve(sharedDir, name)} ${vendoredDir}/`,
      );
    }
  },
);
