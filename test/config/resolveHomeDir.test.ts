import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { resolveHomeDir } from "../../src/config/resolveHomeDir.js";
import { HomeDirectoryNotFoundError } from "../../src/errors/HomeDirectoryNotFoundError.js";
import { SsoConfigError } from "../../src/errors/SsoConfigError.js";
import { thrownBy } from "./expectError.js";

const noOsHome = (): string => {
  throw Object.assign(new Error("uv_os_homedir returned ENOENT"), { code: "ENOENT" });
};

describe("resolveHomeDir", () => {
  const fullEnv = { HOME: "/home/me", USERPROFILE: "C:\\Users\\me", HOMEDRIVE: "D:", HOMEPATH: "\\Users\\me" };

  test("an injected directory comes first", () => {
    assert.equal(resolveHomeDir("/injected", fullEnv, noOsHome), "/injected");
  });

  test("then HOME", () => {
    assert.equal(resolveHomeDir(undefined, fullEnv, noOsHome), "/home/me");
  });

  test("then USERPROFILE", () => {
    assert.equal(resolveHomeDir(undefined, { ...fullEnv, HOME: undefined }, noOsHome), "C:\\Users\\me");
  });

  test("then HOMEDRIVE + HOMEPATH", () => {
    assert.equal(resolveHomeDir(undefined, { HOMEDRIVE: "D:", HOMEPATH: "\\Users\\me" }, noOsHome), "D:\\Users\\me");
  });

  test("HOMEPATH without HOMEDRIVE is on C:, as in the SDK", () => {
    assert.equal(resolveHomeDir(undefined, { HOMEPATH: "\\Users\\me" }, noOsHome), "C:\\Users\\me");
  });

  test("then the operating system", () => {
    assert.equal(resolveHomeDir(undefined, {}, () => "/from/os"), "/from/os");
  });

  test("empty values count as unset", () => {
    assert.equal(resolveHomeDir("", { HOME: "", USERPROFILE: "", HOMEPATH: "" }, () => "/from/os"), "/from/os");
  });

  test("defaults to process.env and os.homedir", () => {
    assert.equal(typeof resolveHomeDir(), "string");
  });

  test("throws HomeDirectoryNotFoundError when the operating system fails too", () => {
    const error = thrownBy(() => resolveHomeDir(undefined, {}, noOsHome), HomeDirectoryNotFoundError);
    assert.ok(error instanceof SsoConfigError);
    assert.equal(error.tryNextLink, true);
    assert.match(error.message, /HOME/);
    assert.match(error.message, /configFilepath/);
    assert.match(error.message, /cacheDir/);
    assert.equal((error.cause as Error).message, "uv_os_homedir returned ENOENT");
  });

  test("throws HomeDirectoryNotFoundError when the operating system answers nothing", () => {
    thrownBy(() => resolveHomeDir(undefined, {}, () => ""), HomeDirectoryNotFoundError);
  });
});
