#!/bin/sh
# Pack the guest's root file system for one target:
#   /init, /lib/tap.sh, /bin/busybox and, for every chapter folder given,
#   /ch/NN-slug/ with its modules, its static test programs, its suites and
#   the data folders of sim/NN-slug/test/ (such as golden/).
#
#   mkinitramfs.sh TARGET OUT.cpio BUILT-DIR...
# where each BUILT-DIR is build/modules/TARGET/NN-slug (its test suites are
# found in the matching source folder's test/).  Uncompressed: the kernel
# unpacks it faster than it could decompress it.
set -eu
target=$1 out=$2
shift 2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib" "$stage/ch" "$stage/proc" "$stage/sys" \
	"$stage/dev" "$stage/tmp" "$stage/etc"
cp "build/kernels/$target/busybox" "$stage/bin/busybox"
# busybox lists its applets as paths; make one link for each.
busybox --list-full | while read -r applet; do
	[ "${applet##*/}" = busybox ] || ln -s busybox "$stage/bin/${applet##*/}"
done
cp vm/guest/init "$stage/init"
cp vm/guest/tap.sh "$stage/lib/tap.sh"
echo "$target" >"$stage/etc/target"
for built in "$@"; do
	slug=${built##*/}
	src=$(cat "$built/.src")
	mkdir -p "$stage/ch/$slug"
	find "$built" -maxdepth 1 -name '*.ko' -exec cp {} "$stage/ch/$slug/" \;
	[ -d "$built/test" ] && find "$built/test" -maxdepth 1 -type f -perm -u+x \
		-exec cp {} "$stage/ch/$slug/" \;
	[ -d "$src/test" ] && find "$src/test" -maxdepth 1 -name '*.sh' \
		-exec cp {} "$stage/ch/$slug/" \;
	# The simulator's test data, so that a suite can replay it for real.
	for data in "sim/$slug/test"/*/; do
		[ -d "$data" ] || continue
		name=$(basename "$data")
		if [ -e "$stage/ch/$slug/$name" ]; then
			echo "mkinitramfs: $data has the name of a program of $slug: rename the folder" >&2
			exit 1
		fi
		cp -r "$data" "$stage/ch/$slug/$name"
	done
done
(cd "$stage" && find . | cpio -o -H newc -R 0:0 --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
