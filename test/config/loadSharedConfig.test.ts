import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadSharedConfig } from "../../src/config/loadSharedConfig.js";
import { ConfigFileParseError } from "../../src/errors/ConfigFileParseError.js";
import { SharedConfigFileReadError } from "../../src/errors/SharedConfigFileReadError.js";
import { SsoConfigError } from "../../src/errors/SsoConfigError.js";
import { rejectionOf } from "./expectError.js";

describe("loadSharedConfig", () => {
  let root: string;
  let home: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "load-shared-config-"));
    home = join(root, "home");
    await mkdir(join(home, ".aws"), { recursive: true });
    await writeFile(join(home, ".aws", "config"), "[profile dev]\nregion = eu-west-1\n[sso-session corp]\nsso_region = us-east-1\n");
    await writeFile(join(home, ".aws", "credentials"), "[dev]\nregion = us-east-2\naws_access_key_id = AKIDEXAMPLE\n");
    await writeFile(join(root, "other-config"), "[profile other]\nk = from-other-config\n");
    await writeFile(join(root, "other-credentials"), "[other]\nsecret = from-other-credentials\n");
    await writeFile(join(home, "custom-config"), "[profile custom]\nk = v\n");
    await writeFile(join(root, "broken-credentials"), "[default]\naws_secret_access_key\n");
    await mkdir(join(root, "a-directory"));
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test("reads ~/.aws/config and ~/.aws/credentials by default and merges them", async () => {
    const loaded = await loadSharedConfig({ homeDir: home, env: {} });
    assert.equal(loaded.configPath, join(home, ".aws", "config"));
    assert.equal(loaded.credentialsPath, join(home, ".aws", "credentials"));
    const dev = loaded.config.profiles.get("dev");
    assert.equal(dev?.get("region"), "us-east-2");
    assert.equal(dev?.get("aws_access_key_id"), "AKIDEXAMPLE");
    assert.equal(loaded.config.ssoSessions.get("corp")?.get("sso_region"), "us-east-1");
  });

  test("finds the home directory through HOME when none is injected", async () => {
    const loaded = await loadSharedConfig({ env: { HOME: home } });
    assert.equal(loaded.configPath, join(home, ".aws", "config"));
    assert.ok(loaded.config.profiles.has("dev"));
  });

  test("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE replace the default paths", async () => {
    const env = { AWS_CONFIG_FILE: join(root, "other-config"), AWS_SHARED_CREDENTIALS_FILE: join(root, "other-credentials") };
    const loaded = await loadSharedConfig({ homeDir: home, env });
    assert.equal(loaded.configPath, env.AWS_CONFIG_FILE);
    assert.equal(loaded.credentialsPath, env.AWS_SHARED_CREDENTIALS_FILE);
    assert.deepEqual([...loaded.config.profiles.keys()], ["other"]);
    assert.equal(loaded.config.profiles.get("other")?.get("secret"), "from-other-credentials");
  });

  test("the options replace the environment variables", async () => {
    const loaded = await loadSharedConfig({
      configFilepath: join(root, "other-config"),
      filepath: join(root, "other-credentials"),
      homeDir: home,
      env: { AWS_CONFIG_FILE: join(home, ".aws", "config"), AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials") },
    });
    assert.equal(loaded.configPath, join(root, "other-config"));
    assert.equal(loaded.credentialsPath, join(root, "other-credentials"));
    assert.equal(loaded.config.profiles.has("dev"), false);
  });

  test("expands a leading ~/ in options and in environment variables", async () => {
    const fromOption = await loadSharedConfig({ configFilepath: "~/custom-config", homeDir: home, env: {} });
    assert.equal(fromOption.configPath, join(home, "custom-config"));
    assert.ok(fromOption.config.profiles.has("custom"));

    const fromEnv = await loadSharedConfig({ homeDir: home, env: { AWS_CONFIG_FILE: "~/custom-config" } });
    assert.equal(fromEnv.configPath, join(home, "custom-config"));
    assert.ok(fromEnv.config.profiles.has("custom"));
  });

  test("missing files read as empty ones", async () => {
    const loaded = await loadSharedConfig({ homeDir: join(root, "no-such-home"), env: {} });
    assert.equal(loaded.configPath, join(root, "no-such-home", ".aws", "config"));
    assert.equal(loaded.config.profiles.size, 0);
    assert.equal(loaded.config.ssoSessions.size, 0);
  });

  test("a path through a regular file (ENOTDIR) reads as an empty file", async () => {
    const loaded = await loadSharedConfig({
      configFilepath: join(root, "other-config", "config"),
      filepath: join(root, "other-credentials", "credentials"),
      env: {},
    });
    assert.equal(loaded.config.profiles.size, 0);
  });

  test("a directory where the config file should be is a SharedConfigFileReadError naming it", async () => {
    const path = join(root, "a-directory");
    const error = await rejectionOf(loadSharedConfig({ configFilepath: path, homeDir: home, env: {} }), SharedConfigFileReadError);
    assert.ok(error instanceof SsoConfigError);
    assert.equal(error.tryNextLink, false);
    assert.equal(error.path, path);
    assert.ok(error.message.includes(path), error.message);
    assert.equal((error.cause as NodeJS.ErrnoException).code, "EISDIR");
  });

  test("a directory where the credentials file should be is a SharedConfigFileReadError naming it", async () => {
    const path = join(root, "a-directory");
    const error = await rejectionOf(loadSharedConfig({ filepath: path, homeDir: home, env: {} }), SharedConfigFileReadError);
    assert.equal(error.path, path);
  });

  test("a FIFO where the config file should be is a SharedConfigFileReadError, not a hang", async () => {
    const path = join(root, "a-fifo");
    execFileSync("mkfifo", [path]);
    const error = await rejectionOf(loadSharedConfig({ configFilepath: path, homeDir: home, env: {} }), SharedConfigFileReadError);
    assert.equal(error.path, path);
    assert.match(error.message, /not a regular file/);
  });

  test("a format error names the file it is in", async () => {
    const path = join(root, "broken-credentials");
    const error = await rejectionOf(loadSharedConfig({ filepath: path, homeDir: home, env: {} }), ConfigFileParseError);
    assert.equal(error.path, path);
    assert.equal(error.line, 2);
  });
});
