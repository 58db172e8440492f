#!/usr/bin/env bash
# Builds the discount Function to dist/function.wasm: the `[extensions.build] command` of
# shopify.extension.toml and `npm run build:function` (docs/decisions/0019-discount-function-wasm.md).
#
# Two toolchains, picked by what is installed (WAFA_FUNCTION_TOOLCHAIN=rustup|debian to force one):
# - rustup (a merchant's developer): `rustc` on PATH with `rustup target add wasm32-wasip1`.
# - Debian (this project's CI, offline): /usr/bin/rustc 1.63 with libstd-rust-dev-wasm32
#   (target `wasm32-wasi`, the name before `wasm32-wasip1`).
# The crate has no dependencies (src/json.rs replaced serde_json), so neither needs a registry.
# Then wasm-opt -Oz (Debian's binaryen or the npm package binaryen), since the toml sets
# `wasm_opt = false` (Shopify's CLI would download its own from a CDN).
set -euo pipefail
cd "$(dirname "$0")"

readonly SIZE_LIMIT=$((256 * 1024)) # Shopify's limit on a Function's Wasm module

fail() { printf 'build-function: %s\n' "$*" >&2; exit 2; }

# Prints the first of the targets after the rustc ($1) that it has a standard library for.
wasm_target_of() {
  local rustc=$1 sysroot target
  shift
  sysroot=$("$rustc" --print sysroot 2>/dev/null) || return 1
  for target in "$@"; do
    if [ -d "$sysroot/lib/rustlib/$target/lib" ]; then printf '%s\n' "$target"; return 0; fi
  done
  return 1
}

toolchain=${WAFA_FUNCTION_TOOLCHAIN:-}
rustc_path=$(command -v rustc || true)
if [ -z "$toolchain" ] && [ -n "$rustc_path" ] && [ "$rustc_path" != /usr/bin/rustc ] && target=$(wasm_target_of "$rustc_path" wasm32-wasip1 wasm32-wasi); then
  toolchain=rustup
elif [ -z "$toolchain" ] && [ -x /usr/bin/rustc ] && target=$(wasm_target_of /usr/bin/rustc wasm32-wasip1 wasm32-wasi); then
  toolchain=debian
fi

cargo_args=(build --release --locked)
case "$toolchain" in
  rustup)
    [ -n "$rustc_path" ] || fail "no rustc on PATH"
    target=${target:-$(wasm_target_of "$rustc_path" wasm32-wasip1 wasm32-wasi)} || fail "rustc has no Wasm target: run \`rustup target add wasm32-wasip1\`"
    cargo=cargo
    export RUSTC="$rustc_path"
    ;;
  debian)
    target=${target:-$(wasm_target_of /usr/bin/rustc wasm32-wasi wasm32-wasip1)} || fail "Debian's rustc has no Wasm target: apt-get install libstd-rust-dev-wasm32"
    cargo=/usr/bin/cargo
    export RUSTC=/usr/bin/rustc
    cargo_args+=(--offline)
    ;;
  *)
    fail "no Rust toolchain with a Wasm target. Either \`rustup target add wasm32-wasip1\` (with rustup), or, on Debian, \`apt-get install rustc cargo libstd-rust-dev-wasm32 binaryen\`."
    ;;
esac

printf 'build-function: %s toolchain, %s, target %s\n' "$toolchain" "$("$RUSTC" --version)" "$target"
"$cargo" "${cargo_args[@]}" --target "$target"

mkdir -p dist
built="target/$target/release/wafa-discount.wasm"
staged="dist/.function.$$.wasm"
trap 'rm -f "$staged"' EXIT

wasm_opt=$(command -v wasm-opt || true)
[ -n "$wasm_opt" ] || [ ! -x ../../node_modules/.bin/wasm-opt ] || wasm_opt=../../node_modules/.bin/wasm-opt
if [ -z "$wasm_opt" ]; then
  printf 'build-function: wasm-opt not found (apt-get install binaryen, or npm install binaryen): the module is not optimised\n' >&2
  cp "$built" "$staged"
else
  # Debian's rustc 1.63 emits plain MVP Wasm; a current rustc enables these by default, and
  # wasm-opt must be allowed what the module already uses.
  features=()
  [ "$toolchain" = debian ] || features=(--enable-bulk-memory --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext)
  "$wasm_opt" -Oz "${features[@]}" "$built" -o "$staged"
fi

size=$(wc -c <"$staged")
[ "$size" -le "$SIZE_LIMIT" ] || fail "dist/function.wasm would be $size bytes, over Shopify's $SIZE_LIMIT"
# Renamed into place, so a concurrent reader (a test run, the sandbox) never sees half a file.
mv "$staged" dist/function.wasm
printf 'build-function: dist/function.wasm %s bytes (cargo output %s bytes)\n' "$size" "$(wc -c <"$built")"
