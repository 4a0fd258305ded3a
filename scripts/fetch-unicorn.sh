#!/usr/bin/env bash
# fetch-unicorn.sh PREFIX: download Debian 13 (trixie) libunicorn2t64 and
# libunicorn-dev with a private apt configuration (the system's stays
# untouched), unpack them into PREFIX and fix the pkg-config prefix.
set -euo pipefail
prefix=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Reuse the archive URI and keyring the machine already uses for Debian.
uri="" key=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  if grep -qE '^Suites:.*\bbookworm\b' "$f" || grep -qE '^Suites:.*\btrixie\b' "$f"; then
    uri=$(awk '/^URIs:/{print $2; exit}' "$f")
    key=$(awk '/^Signed-By:/{print $2; exit}' "$f")
    break
  fi
done
if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
  uri=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
fi
[ -n "$uri" ] || { echo "fetch-unicorn: no Debian archive found in the apt sources" >&2; exit 1; }
[ -n "$key" ] || key=/usr/share/keyrings/debian-archive-keyring.gpg

mkdir -p "$work/lists/partial" "$work/parts" "$work/archives/partial"
echo "deb [signed-by=$key] $uri trixie main" > "$work/sources.list"
aptopts=(-o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts="$work/parts"
         -o Dir::State::Lists="$work/lists" -o Dir::Cache::archives="$work/archives"
         -o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
echo "fetch-unicorn: fetching Unicorn 2.1 (Debian 13 packages)"
if ! apt-get "${aptopts[@]}" update -qq; then
  # An older Debian 12 keyring lacks the Debian 13 signing keys; the current
  # bookworm debian-archive-keyring has them.
  echo "fetch-unicorn: updating debian-archive-keyring for the Debian 13 keys" >&2
  apt-get update -qq && apt-get install -y -qq --only-upgrade debian-archive-keyring >/dev/null
  apt-get "${aptopts[@]}" update -qq
fi
(cd "$work" && apt-get "${aptopts[@]}" download libunicorn2t64 libunicorn-dev >/dev/null)
rm -rf "$prefix"; mkdir -p "$prefix"
for d in "$work"/*.deb; do dpkg -x "$d" "$prefix"; done
pc=$(find "$prefix" -name unicorn.pc | head -1)
[ -n "$pc" ] && sed -i -e "s|^prefix=/usr|prefix=$prefix/usr|" -e "s|=/usr/|=$prefix/usr/|" "$pc"
touch "$prefix/.complete"
echo "fetch-unicorn: installed into $prefix"
