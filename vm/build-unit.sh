#!/bin/sh
# Build one folder of kernel code for one target, out of the source tree so
# that both targets can build at once:
#   build-unit.sh TARGET SRC-DIR OUT-DIR
# - the modules, with Kbuild against that target's Debian headers, under
#   W=1 and sparse (C=1); gcc warnings are errors, and the whole log is kept
#   in OUT-DIR/build.log for the "clean build" check;
# - each SRC-DIR/test/*.c as a static program for the target (-m32 on i386),
#   to run inside the VM;
# - the chapter's simulators (sim/NN-slug/*.c with sim/lib), the same way,
#   so that a suite can hold a simulator's answer against the live kernel.
set -eu
target=$1 src=$2 out=$3
top=$(pwd)
mkdir -p "$out/test"
echo "$src" >"$out/.src"
: >"$out/build.log"
if [ -f "$src/Kbuild" ]; then
	for f in "$src"/Kbuild "$src"/*.c "$src"/*.h; do
		[ -e "$f" ] && ln -sf "$top/$f" "$out/"
	done
	# A separate make, outside the caller's jobserver.
	MAKEFLAGS= make -s -C "build/kernels/$target/headers" M="$top/$out" W=1 C=1 \
		KCFLAGS=-Werror modules >>"$out/build.log" 2>&1 ||
		{ cat "$out/build.log" >&2; exit 1; }
	for ko in "$out"/*.ko; do
		strip --strip-debug "$ko"
	done
fi
m32=
[ "$target" = i386 ] && m32=-m32
cc="gcc $m32 -static -O2 -Wall -Wextra -Werror"
for c in "$src"/test/*.c; do
	[ -e "$c" ] || continue
	$cc -std=gnu11 -o "$out/test/$(basename "$c" .c)" "$c"
done
for c in "sim/${src##*/}"/*.c; do
	[ -e "$c" ] || continue
	# shellcheck disable=SC2046 # the list of library sources
	$cc -std=c11 -D_POSIX_C_SOURCE=200809L -Isim/lib -I"sim/${src##*/}" -o "$out/test/$(basename "$c" .c)" \
		"$c" $(ls sim/lib/*.c 2>/dev/null)
done
touch "$out/.built"
