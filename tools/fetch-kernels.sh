#!/bin/sh
# Fetch Debian 12's own kernels for the two targets and unpack them under
# build/kernels/ without installing anything into /boot or /usr/src:
#   amd64  linux-image-amd64    (x86_64, 4/5-level paging)
#   i386   linux-image-686-pae  (x86-32, PAE, HIGHMEM64G, VMSPLIT_3G)
# The ABI (6.1.0-NN) is resolved through the meta-packages now, so Debian
# retiring an ABI never breaks the build.  Writes build/kernels/versions.mk,
# which the Makefile includes and the book quotes.
set -eu
out=${1:-build/kernels}
top=$(pwd)
mkdir -p "$out/debs"

# Prints the first dependency of a meta-package, without any ":arch" suffix.
dep_of() {
	apt-cache depends --important "$1" 2>/dev/null |
		awk '/Depends:/ { gsub(/[<>]|:.*/, "", $2); print $2; exit }'
}

# Extracts the uncompressed kernel from a bzImage: its payload is one XZ
# stream, found by its magic.  Booting it directly (PVH entry) skips the
# decompression that dominates a boot under TCG.
extract_vmlinux() {
	off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$1" | head -n 1 | cut -d: -f1)
	[ -n "$off" ] || { echo "$0: no XZ payload in $1" >&2; exit 1; }
	tail -c +"$((off + 1))" "$1" | xz -dc --single-stream >"$2"
}

vars=$out/versions.mk.new
: >"$vars"
for spec in amd64:amd64:amd64 i386:686-pae:i386; do
	target=${spec%%:*} rest=${spec#*:}
	flavour=${rest%%:*} arch=${rest#*:}
	image=$(dep_of "linux-image-$flavour:$arch")
	headers=$(dep_of "linux-headers-$flavour:$arch")
	[ -n "$image" ] && [ -n "$headers" ] || {
		echo "$0: cannot resolve linux-image-$flavour:$arch (is the $arch architecture added and apt-get update done?)" >&2
		exit 1
	}
	common=$(dep_of "$headers:$arch")
	abi=${image#linux-image-}
	version=$(apt-cache show "$image:$arch" | awk '/^Version:/ { print $2; exit }')

	dir=$out/$target
	if [ "$(cat "$dir/.abi" 2>/dev/null)" != "$abi $version" ]; then
		echo "fetching $image ($version) for $target"
		rm -rf "$dir"
		mkdir -p "$dir/root"
		(cd "$out/debs" && apt-get -qq -o APT::Sandbox::User=root download \
			"$image:$arch" "$headers:$arch" "$common" "busybox-static:$arch")
		for p in "$headers" "$common"; do
			dpkg-deb -x "$out"/debs/"$p"_*.deb "$dir/root"
		done
		dpkg-deb --fsys-tarfile "$out"/debs/"$image"_*.deb |
			tar -x -C "$dir/root" ./boot
		dpkg-deb --fsys-tarfile "$out"/debs/busybox-static_*_"$arch".deb |
			tar -x -O ./bin/busybox >"$dir/busybox"
		chmod +x "$dir/busybox"
		hdr=$dir/root/usr/src/$headers
		# Point the unpacked headers at each other and at the host's kbuild.
		echo "include $top/$dir/root/usr/src/$common/Makefile" >"$hdr/Makefile"
		for d in "$hdr" "$dir/root/usr/src/$common"; do
			ln -sfn /usr/lib/linux-kbuild-6.1/scripts "$d/scripts"
			ln -sfn /usr/lib/linux-kbuild-6.1/tools "$d/tools"
		done
		extract_vmlinux "$dir/root/boot/vmlinuz-$abi" "$dir/vmlinux"
		ln -sfn "root/usr/src/$headers" "$dir/headers"
		echo "$abi $version" >"$dir/.abi"
	fi
	upstream=$(awk -F' = ' '/^VERSION/{v=$2} /^PATCHLEVEL/{p=$2} /^SUBLEVEL/{s=$2} END{print v"."p"."s}' \
		"$dir/root/usr/src/$common/Makefile")
	cat >>"$vars" <<VARS
KABI_$target := $abi
KDEB_$target := $version
KUPSTREAM_$target := $upstream
VARS
done
mv "$vars" "$out/versions.mk"
