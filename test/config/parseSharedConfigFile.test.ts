import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSharedConfigFile } from "../../src/config/parseSharedConfigFile.js";
import { ConfigFileParseError } from "../../src/errors/ConfigFileParseError.js";
import { thrownBy } from "./expectError.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function parseConfig(text: string) {
  return parseSharedConfigFile(text, "config", "/home/me/.aws/config");
}

function parseCredentials(text: string) {
  return parseSharedConfigFile(text, "credentials", "/home/me/.aws/credentials");
}

describe("parseSharedConfigFile", () => {
  test("reads profiles, the default profile and sso-sessions of a config file", () => {
    const config = parseConfig(
      [
        "[default]",
        "region = eu-west-1",
        "",
        "[profile dev]",
        "sso_session = corp",
        "sso_account_id = 111122223333",
        "",
        "[sso-session corp]",
        "sso_start_url = https://corp.awsapps.com/start",
        "sso_region = us-east-1",
      ].join("\n"),
    );
    assert.deepEqual([...config.profiles.keys()], ["dev", "default"]);
    assert.equal(config.profiles.get("default")?.get("region"), "eu-west-1");
    assert.equal(config.profiles.get("dev")?.get("sso_account_id"), "111122223333");
    assert.equal(config.ssoSessions.get("corp")?.get("sso_start_url"), "https://corp.awsapps.com/start");
  });

  test("reads [NAME] sections of a credentials file and ignores prefixed ones there", () => {
    const credentials = parseCredentials(
      "[default]\naws_access_key_id = AKIDEXAMPLE\n[profile dev]\nx = 1\n[sso-session corp]\ny = 2\n[ci]\nz = 3",
    );
    assert.deepEqual([...credentials.profiles.keys()], ["default", "ci"]);
    assert.equal(credentials.ssoSessions.size, 0);
  });

  test("ignores typed sections other than profile and sso-session", () => {
    const config = parseConfig("[services my-services]\ns3 =\n  endpoint_url = http://localhost:4566\n[profile a]\nk = v");
    assert.deepEqual([...config.profiles.keys()], ["a"]);
    assert.equal(config.ssoSessions.size, 0);
  });

  test("keeps sub-properties as a map, names and values as written", () => {
    const config = parseConfig("[profile a]\ns3 =\n  Max_Concurrent_Requests = 20\n  use_accelerate_endpoint = true\nregion = x");
    const s3 = config.profiles.get("a")?.get("s3");
    assert.ok(s3 instanceof Map);
    assert.deepEqual([...s3], [
      ["Max_Concurrent_Requests", "20"],
      ["use_accelerate_endpoint", "true"],
    ]);
    assert.equal(config.profiles.get("a")?.get("region"), "x");
  });

  test("a property named again replaces its sub-properties", () => {
    const config = parseConfig("[profile a]\ns3 =\n  a = 1\n[profile a]\ns3 = plain");
    assert.equal(config.profiles.get("a")?.get("s3"), "plain");
  });

  test("lower-cases property names but not profile names", () => {
    const config = parseConfig("[profile Dev]\nSSO_Region = us-east-1");
    assert.equal(config.profiles.get("Dev")?.get("sso_region"), "us-east-1");
    assert.equal(config.profiles.get("dev"), undefined);
  });

  test("reads CRLF files without a trailing \\r in any value", () => {
    const config = parseConfig(
      "[profile a]\r\nregion = us-east-1\r\nlong = one\r\n  two\r\ns3 =\r\n  name = value\r\n\r\n[profile b]\r\nk = v\r\n",
    );
    const a = config.profiles.get("a");
    assert.equal(a?.get("region"), "us-east-1");
    assert.equal(a?.get("long"), "one\ntwo");
    assert.deepEqual(a?.get("s3"), new Map([["name", "value"]]));
    assert.equal(config.profiles.get("b")?.get("k"), "v");
  });

  test("counts CRLF lines correctly in errors", () => {
    const error = thrownBy(() => parseConfig("[profile a]\r\nk = v\r\n\r\nbroken\r\n"), ConfigFileParseError);
    assert.equal(error.line, 4);
  });

  test("ignores a byte order mark at the start of the file", () => {
    const config = parseConfig("\uFEFF[default]\nregion = us-east-1");
    assert.equal(config.profiles.get("default")?.get("region"), "us-east-1");
  });

  test("a file without sections, or with only comments and blank lines, has no profiles", () => {
    for (const text of ["", "\n\n", "# only a comment\n; another\n   \n"]) {
      const config = parseConfig(text);
      assert.equal(config.profiles.size, 0);
      assert.equal(config.ssoSessions.size, 0);
    }
  });

  describe("prototype safety", () => {
    test("profiles, sessions and properties named like Object.prototype members are plain names", () => {
      const config = parseConfig(
        [
          "[profile __proto__]",
          "polluted = yes",
          "__proto__ = yes",
          "[profile constructor]",
          "toString = x",
          "[sso-session __proto__]",
          "hasOwnProperty = y",
        ].join("\n"),
      );
      assert.equal(config.profiles.get("__proto__")?.get("polluted"), "yes");
      assert.equal(config.profiles.get("__proto__")?.get("__proto__"), "yes");
      assert.equal(config.profiles.get("constructor")?.get("tostring"), "x");
      assert.equal(config.ssoSessions.get("__proto__")?.get("hasownproperty"), "y");
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
    });

    test("a profile that does not exist is not found through the prototype", () => {
      const config = parseConfig("[profile a]\nk = v");
      for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
        assert.equal(config.profiles.get(name), undefined);
        assert.equal(config.profiles.get("a")?.get(name.toLowerCase()), undefined);
      }
    });
  });

  describe("errors", () => {
    const cases: { name: string; text: string; line: number; problem: string }[] = [
      { name: "a section line without ]", text: "[default]\nk = v\n\n[profile broken", line: 4, problem: "must end with ']'" },
      { name: "a property before any section", text: "# comment\n\nregion = x\n[default]", line: 3, problem: "Expected a profile definition" },
      { name: "a property without =", text: "[default]\na = b\nregion us-east-1", line: 3, problem: "Expected an '=' sign defining a property" },
      { name: "a property without a name", text: "[default]\n\n= value", line: 3, problem: "Property did not have a name" },
      { name: "an indented line after a section line", text: "[default]\n  x = y", line: 2, problem: "found continuation" },
      { name: "a sub-property without =", text: "[default]\ns3 =\n  a = 1\n  b", line: 4, problem: "defining a sub-property" },
      { name: "a sub-property without a name", text: "[default]\ns3 =\n  = 1", line: 3, problem: "Sub-property did not have a name" },
    ];
    for (const { name, text, line, problem } of cases) {
      test(`${name}: the path and line number`, () => {
        const error = thrownBy(() => parseConfig(text), ConfigFileParseError);
        assert.equal(error.path, "/home/me/.aws/config");
        assert.equal(error.line, line);
        assert.ok(error.message.includes(`line ${line}`), error.message);
        assert.ok(error.message.includes("/home/me/.aws/config"), error.message);
        assert.ok(error.message.includes(problem), error.message);
      });
    }

    test("format errors in ignored sections are still errors", () => {
      const error = thrownBy(() => parseConfig("[not-a-profile]\nk = v\nbroken"), ConfigFileParseError);
      assert.equal(error.line, 3);
    });

    test("never quote the line: credentials files hold secrets", () => {
      const broken = [
        `[default]\naws_secret_access_key ${SECRET}`,
        `[default]\n= ${SECRET}`,
        `[default ${SECRET}`,
        `${SECRET} = x`,
        `[default]\n  ${SECRET}`,
        `[default]\ns3 =\n  ${SECRET}`,
        `[default]\ns3 =\n  = ${SECRET}`,
      ];
      for (const text of broken) {
        const error = thrownBy(() => parseCredentials(text), ConfigFileParseError);
        assert.ok(!error.message.includes(SECRET), error.message);
        assert.ok(!error.message.includes("wJalrXUtnFEMI"), error.message);
        assert.ok(!JSON.stringify({ ...error }).includes("wJalrXUtnFEMI"));
      }
    });
  });
});

test("a long run of blanks inside a value is kept, and trailing blanks are trimmed", () => {
  const value = `a${" ".repeat(50_000)}x`;
  const parsed = parseSharedConfigFile(`[profile p]\nk = ${value}${" \t".repeat(1000)}\n`, "config", "/config");
  assert.equal(parsed.profiles.get("p")?.get("k"), value);
});
