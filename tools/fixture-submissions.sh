#!/bin/sh
# The fixture submissions, one folder a student, in DIR: "reference" with
# every exercise's reference solution (solutions/), "starter" with every
# starter (exercises/), "empty" with nothing, and a copy of each hostile
# submission of exercises/fixtures/.  Without root, the jail cannot keep a
# fork bomb or writes outside the folder in: those two are left out.
#
#   fixture-submissions.sh DIR
set -eu
sub=$1
rm -rf "$sub"
mkdir -p "$sub/reference" "$sub/starter" "$sub/empty"
for m in exercises/[0-9][0-9]-*/[0-9][0-9].[0-9]*-*/manifest; do
	[ -e "$m" ] || continue
	dir=${m%/manifest}
	for f in $(awk -f tools/manifest.awk "$m" | awk -F '\t' '$1 == "files" { print $2 }'); do
		cp "$dir/$f" "$sub/starter/"
		sol=solutions/${dir#exercises/}/$f
		if [ -e "$sol" ]; then
			cp "$sol" "$sub/reference/"
		fi
	done
done
for d in exercises/fixtures/*/; do
	s=$(basename "$d")
	case $(id -u):$s in
	0:*) ;;
	*:escape | *:forkbomb) continue ;;
	esac
	cp -R "$d" "$sub/$s"
done
