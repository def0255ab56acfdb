import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { mergeSharedConfigFiles } from "../../src/config/mergeSharedConfigFiles.js";
import { parseSharedConfigFile } from "../../src/config/parseSharedConfigFile.js";
import type { ConfigSection } from "../../src/config/SharedConfig.js";

function merge(configText: string, credentialsText: string) {
  return mergeSharedConfigFiles(
    parseSharedConfigFile(configText, "config", "config"),
    parseSharedConfigFile(credentialsText, "credentials", "credentials"),
  );
}

function plain(section: ConfigSection | undefined): Record<string, unknown> | undefined {
  return section === undefined ? undefined : Object.fromEntries(section);
}

describe("mergeSharedConfigFiles", () => {
  test("keeps the profiles of both files", () => {
    const merged = merge("[profile dev]\nregion = eu-west-1", "[ci]\naws_access_key_id = AKIDEXAMPLE");
    assert.deepEqual([...merged.profiles.keys()].sort(), ["ci", "dev"]);
  });

  test("merges a profile found in both files property by property, the credentials file winning", () => {
    const merged = merge("[profile dev]\nregion = eu-west-1\noutput = json", "[dev]\nregion = us-east-2\naws_access_key_id = AKIDEXAMPLE");
    assert.deepEqual(plain(merged.profiles.get("dev")), {
      region: "us-east-2",
      output: "json",
      aws_access_key_id: "AKIDEXAMPLE",
    });
  });

  test("merges the credentials file's [default] into the config file's [profile default], which hides its [default]", () => {
    const merged = merge("[default]\nhidden = 1\n[profile default]\nregion = eu-west-1", "[default]\nsecret = s");
    assert.deepEqual(plain(merged.profiles.get("default")), { region: "eu-west-1", secret: "s" });
  });

  test("merges the credentials file's [default] into the config file's [default]", () => {
    const merged = merge("[default]\nregion = eu-west-1", "[default]\nsecret = s");
    assert.deepEqual(plain(merged.profiles.get("default")), { region: "eu-west-1", secret: "s" });
  });

  test("takes sso-sessions from the config file", () => {
    const merged = merge("[sso-session corp]\nsso_region = us-east-1", "[sso-session other]\nsso_region = x");
    assert.deepEqual([...merged.ssoSessions.keys()], ["corp"]);
  });

  test("modifies neither input", () => {
    const config = parseSharedConfigFile("[profile dev]\nregion = eu-west-1", "config", "config");
    const credentials = parseSharedConfigFile("[dev]\nregion = us-east-2", "credentials", "credentials");
    mergeSharedConfigFiles(config, credentials);
    assert.equal(config.profiles.get("dev")?.get("region"), "eu-west-1");
    assert.equal(credentials.profiles.get("dev")?.get("region"), "us-east-2");
    assert.equal(config.profiles.get("dev")?.size, 1);
  });
});
