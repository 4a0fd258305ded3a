#!/usr/bin/env bash
# setup.sh: install what mmsim needs from Debian, fetch Unicorn 2.1 into a
# project-local prefix, and build everything into build/.  Idempotent: when
# everything is already there it only re-runs the (incremental) build.
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

pkgs=(cmake make gcc pkg-config libcapstone-dev libcriterion-dev libelf-dev
      libdw-dev   # sim/report: source lines of checker reports (DWARF line tables)
      gcc-arm-none-eabi binutils-arm-none-eabi gcc-powerpc-linux-gnu newlib-source
      clang libclang-rt-14-dev llvm gdb-multiarch python3
      chromium    # tests/report: reports are checked in headless Chromium,
      tidy python3-html5lib    # ... their HTML validated,
      python3-websocket)       # ... and driven by the keyboard (DevTools protocol)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Unicorn >= 2.1: use the system's if it has one, else Debian 13's packages
# unpacked into third_party/unicorn (see DESIGN.md, "Unicorn notes").
uc_prefix="$top/third_party/unicorn"
sys_uc=$(pkg-config --modversion unicorn 2>/dev/null || true)
if dpkg --compare-versions "${sys_uc:-0}" ge 2.1; then
  uc_prefix=""
elif [ ! -f "$uc_prefix/.complete" ]; then
  "$top/scripts/fetch-unicorn.sh" "$uc_prefix"
fi

cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      ${uc_prefix:+-DMMSIM_UNICORN_PREFIX="$uc_prefix"} ${MMSIM_CMAKE_ARGS:-} >/dev/null
cmake --build "$top/build" -j"$(nproc)"
