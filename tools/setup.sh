#!/bin/sh
# Install what is missing, then fetch the kernels.  Quiet when there is
# nothing to do, so that a second `make` says nothing about set-up.
set -eu
cd "$(dirname "$0")/.."

# What needs root: i386 as a dpkg architecture (the 686-pae kernel and the
# 32-bit busybox are i386 packages), and the packages that are missing.
add_arch=
dpkg --print-foreign-architectures | grep -qx i386 || add_arch=1
missing=
for p in $(grep -v '^#' tools/packages.txt); do
	dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed ||
		missing="$missing $p"
done

if [ -n "$add_arch$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		as_root=
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
		as_root=sudo
	else
		echo "setup: installing what is missing needs root; run this as root, then make again:" >&2
		echo "    ${add_arch:+dpkg --add-architecture i386 && }apt-get update && apt-get install -y --no-install-recommends$missing" >&2
		exit 1
	fi
	[ -n "$missing" ] && echo "setup: installing$missing"
	[ -n "$add_arch" ] && $as_root dpkg --add-architecture i386
	# A mirror caught mid-sync fails one index; the others still serve.
	mkdir -p build
	$as_root apt-get update -qq 2>build/apt-update.log ||
		echo "setup: apt-get update reported errors (see build/apt-update.log); going on" >&2
	if [ -n "$missing" ]; then
		# shellcheck disable=SC2086 # a list of package names
		$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $missing >/dev/null
	fi
fi

# Resolving the kernels costs seconds of apt-cache: do it again only when
# the package lists changed since the last time.
[ build/kernels/versions.mk -nt /var/lib/apt/lists ] ||
	tools/fetch-kernels.sh build/kernels
