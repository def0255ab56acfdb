#!/usr/bin/env node
// The `aws-sso-creds` command, run from the sources (tsx). The published bin, dist/cjs/cli/bin.js, is
// made by scripts/build.mjs: it loads the package's one bundle, which runs runCliProcess.
import { runCliProcess } from "./runCliProcess.js";

runCliProcess();
