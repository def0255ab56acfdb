import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { pythonJsonDumps } from "../../src/files/pythonJsonDumps.js";

const SAMPLES: unknown[] = [
  { tool: "botocore", startUrl: "https://example.awsapps.com/start", region: "us-east-1", scopes: ["sso:account:access"], session_name: "my-sso" },
  { tool: "botocore", startUrl: "https://example.awsapps.com/start", region: "us-east-1", scopes: null, session_name: null },
  { accountId: "111122223333", roleName: "ReadOnly", sessionName: "my-sso" },
  { RoleArn: "arn:aws:iam::123456789012:role/prod", DurationSeconds: 3600, ExternalId: "ext-\u00e9-\u{1f600}", z: true, a: [1, "b\n\t\"\\"] },
  { "\u{1f600}": 1, "\uffff": 2, b: 3 },
];

test("the registration cache key of the AWS CLI's worked example", () => {
  const text = pythonJsonDumps(SAMPLES[0]);
  assert.equal(text, '{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "https://example.awsapps.com/start", "tool": "botocore"}');
  assert.equal(createHash("sha1").update(text).digest("hex"), "e83b78ff73aa2ebd41812af5abcc466dca567738");
});

test("matches Python's json.dumps for both separator styles (pyenv python3, where present)", (t) => {
  let python: string;
  try {
    python = execFileSync("python3", ["-c", "import json,sys; v=json.load(sys.stdin); print(json.dumps([json.dumps(x, sort_keys=True) for x in v])); print(json.dumps([json.dumps(x, sort_keys=True, separators=(',', ':')) for x in v]))"], {
      input: JSON.stringify(SAMPLES),
      encoding: "utf8",
    });
  } catch {
    t.skip("python3 is not available here: the byte-for-byte comparison with Python's json.dumps is skipped");
    return;
  }
  const [defaults, compacts] = python.trim().split("\n").map((line) => JSON.parse(line) as string[]);
  assert.deepEqual(SAMPLES.map((sample) => pythonJsonDumps(sample)), defaults);
  assert.deepEqual(SAMPLES.map((sample) => pythonJsonDumps(sample, "compact")), compacts);
});

test("refuses what Python would print differently", () => {
  assert.throws(() => pythonJsonDumps({ a: 1.5 }), TypeError);
});
