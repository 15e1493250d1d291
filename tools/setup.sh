#!/bin/sh
# Install what is missing, then fetch the kernels.  Quiet when there is
# nothing to do, so that a second `make` says nothing about set-up.
set -eu
cd "$(dirname "$0")/.."

as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
		sudo "$@"
	else
		echo "setup: need root to run: $*" >&2
		echo "setup: run that line as root (or give this user sudo), then make again" >&2
		exit 1
	fi
}

# The 686-pae kernel and the 32-bit busybox are i386 packages.
need_update=
if ! dpkg --print-foreign-architectures | grep -qx i386; then
	as_root dpkg --add-architecture i386
	need_update=1
fi

missing=
for p in $(grep -v '^#' tools/packages.txt); do
	dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	need_update=1
fi
if [ -n "$need_update" ]; then
	# A mirror caught mid-sync fails one index; the others still serve.
	mkdir -p build
	as_root apt-get update -qq 2>build/apt-update.log ||
		echo "setup: apt-get update reported errors (see build/apt-update.log); going on" >&2
fi
if [ -n "$missing" ]; then
	# shellcheck disable=SC2086 # a list of package names
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
fi

# Resolving the kernels costs seconds of apt-cache: do it again only when
# the package lists changed since the last time.
[ build/kernels/versions.mk -nt /var/lib/apt/lists ] ||
	tools/fetch-kernels.sh build/kernels
