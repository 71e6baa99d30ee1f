#!/usr/bin/env node
// Runs every benchmark scenario in sequence, each in its own process, and prints their JSON
// documents as one array. Scenarios are listed here explicitly; each can also run on its own.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scenarios = [
  { file: 'model-batch.mjs', nodeArgs: ['--expose-gc'] },
  { file: 'kube-pod-records.mjs', nodeArgs: ['--expose-gc'] },
];

const results = [];
for (const { file, nodeArgs } of scenarios) {
  const out = execFileSync(process.execPath, [...nodeArgs, join(here, file)], { encoding: 'utf8' });
  results.push(JSON.parse(out));
}
console.log(JSON.stringify(results, null, 2));
