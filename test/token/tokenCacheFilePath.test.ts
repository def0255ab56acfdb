import assert from "node:assert/strict";
import { test } from "node:test";

import { tokenCacheFilePath } from "../../src/token/tokenCacheFilePath.js";

test("the file name is the lowercase SHA-1 of the session name or start URL, as the AWS CLI names it", () => {
  // Expected values from `printf KEY | sha1sum`.
  assert.equal(tokenCacheFilePath("/c", "my-sso"), "/c/0ad374308c5a4e22f723adf10145eafad7c4031c.json");
  assert.equal(
    tokenCacheFilePath("/c", "https://d-abc123.awsapps.com/start"),
    "/c/40a89917e3175433e361b710a9d43528d7f1890a.json",
  );
});
