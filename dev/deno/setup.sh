#!/bin/sh
# Fills the project's Deno cache (.deno-cache) with the Apps-Engine runtime's npm imports, so that
# the engine's `deno run --cached-only` can start apps. Run by `npm install` (postinstall).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
runtime="$root/node_modules/@rocket.chat/apps-engine/deno-runtime/main.ts"
if [ ! -f "$runtime" ]; then
	echo "setup:deno: $runtime is missing; run npm install first" >&2
	exit 1
fi
"$root/dev/deno/bin/deno" cache --quiet --config="$root/dev/deno/deno.jsonc" "$runtime"
echo "setup:deno: Deno runtime cached in $root/.deno-cache"
