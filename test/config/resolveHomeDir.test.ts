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
    assert.equal(resolveHomeDir({ homeDir: "/injected", env: fullEnv, osHomeDir: noOsHome }), "/injected");
  });

  test("then HOME", () => {
    assert.equal(resolveHomeDir({ homeDir: undefined, env: fullEnv, osHomeDir: noOsHome }), "/home/me");
  });

  test("then USERPROFILE", () => {
    assert.equal(resolveHomeDir({ env: { ...fullEnv, HOME: undefined }, osHomeDir: noOsHome }), "C:\\Users\\me");
  });

  test("then HOMEDRIVE + HOMEPATH", () => {
    assert.equal(resolveHomeDir({ env: { HOMEDRIVE: "D:", HOMEPATH: "\\Users\\me" }, osHomeDir: noOsHome }), "D:\\Users\\me");
  });

  test("HOMEPATH without HOMEDRIVE is on C:, as in the SDK", () => {
    assert.equal(resolveHomeDir({ homeDir: undefined, env: { HOMEPATH: "\\Users\\me" }, osHomeDir: noOsHome }), "C:\\Users\\me");
  });

  test("then the operating system", () => {
    assert.equal(resolveHomeDir({ env: {}, osHomeDir: () => "/from/os" }), "/from/os");
  });

  test("empty values count as unset", () => {
    assert.equal(resolveHomeDir({ homeDir: "", env: { HOME: "", USERPROFILE: "", HOMEPATH: "" }, osHomeDir: () => "/from/os" }), "/from/os");
  });

  test("defaults to process.env and os.homedir", () => {
    assert.equal(typeof resolveHomeDir(), "string");
  });

  test("throws HomeDirectoryNotFoundError when the operating system fails too", () => {
    const error = thrownBy(() => resolveHomeDir({ homeDir: undefined, env: {}, osHomeDir: noOsHome }), HomeDirectoryNotFoundError);
    assert.ok(error instanceof SsoConfigError);
    assert.equal(error.tryNextLink, true);
    assert.match(error.message, /HOME/);
    assert.match(error.message, /the `homeDir` option/);
    assert.equal((error.cause as Error).message, "uv_os_homedir returned ENOENT");
  });

  test("throws HomeDirectoryNotFoundError when the operating system answers nothing", () => {
    thrownBy(() => resolveHomeDir({ env: {}, osHomeDir: () => "" }), HomeDirectoryNotFoundError);
  });
});
