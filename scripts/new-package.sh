#!/usr/bin/env bash
# Scaffold a workspace package with the house layout: package.json (ESM, exports → dist),
# tsconfig.json (typecheck incl. tests), tsconfig.build.json (src only), jest.config.js,
# src/index.ts. Usage: scripts/new-package.sh packages/<dir> @heapster/<name> "one-line description"
set -euo pipefail
dir=$1 name=$2 desc=$3
root=$(cd "$(dirname "$0")/.." && pwd)
[ -e "$root/$dir/package.json" ] && { echo "$dir already exists" >&2; exit 1; }
mkdir -p "$root/$dir/src"
rel=$(realpath --relative-to="$root/$dir" "$root")
cat > "$root/$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.1.0",
  "private": true,
  "description": "$desc",
  "type": "module",
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    }
  },
  "files": ["dist"],
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc -p tsconfig.json --noEmit",
    "lint": "eslint src",
    "test": "node --experimental-vm-modules --disable-warning=ExperimentalWarning $rel/node_modules/jest/bin/jest.js"
  }
}
JSON
cat > "$root/$dir/tsconfig.json" <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"]
}
JSON
cat > "$root/$dir/tsconfig.build.json" <<JSON
{
  "extends": "./tsconfig.json",
  "exclude": ["src/**/*.test.ts", "src/testing/**"]
}
JSON
cat > "$root/$dir/jest.config.js" <<JS
import preset from '$rel/jest.preset.js';

export default { ...preset };
JS
echo "// Public surface of $name: name every export." > "$root/$dir/src/index.ts"
echo "created $dir ($name)"
