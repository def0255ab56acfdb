// Runs the test files with node's own test runner, TypeScript loaded through tsx.
// Usage: node scripts/run-tests.mjs [--full] [file-or-dir ...]
//   default: every test/**/*.test.ts outside test/stress/
//   --full:  test/stress/ as well (the long contention, crash and fuzz runs; CI runs these)
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const full = args.includes("--full") || process.env.TEST_SUITE === "full";
const roots = args.filter((a) => a !== "--full");

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      if (!full && path === "test" && entry === "stress") continue;
      collect(join(path, entry), out);
    }
  } else if (path.endsWith(".test.ts")) {
    out.push(path);
  }
  return out;
}

const files = (roots.length > 0 ? roots : ["test"]).flatMap((root) => collect(root, []));
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  // A test that hangs fails after 10 minutes instead of holding CI forever (the longest, the stress runs, take 2).
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-timeout=600000", ...files],
  // The SDK warns once per process that its 2027 releases need Node 22; dozens of child processes would repeat it.
  { stdio: "inherit", env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...process.env } },
);
process.exit(result.status ?? 1);
