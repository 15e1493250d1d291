#!/bin/sh
# TAP: tools/setup.sh as a user with neither root nor sudo.  Run as root,
# it drops to nobody for the test; run as a user, it stays that user, with
# a sudo that refuses.  A fake dpkg-query reports one package missing.
#
#   setup.sh WORK-DIR
set -u
work=$1
rm -rf "$work"
mkdir -p "$work/bin"
chmod 755 "$work" "$work/bin"
real=$(command -v dpkg-query)
cat >"$work/bin/dpkg-query" <<FAKE
#!/bin/sh
for a; do
	[ "\$a" = "\$SETUP_MISSING" ] && { echo not-installed; exit 0; }
done
exec $real "\$@"
FAKE
printf '#!/bin/sh\nexit 1\n' >"$work/bin/sudo"
chmod 755 "$work/bin/dpkg-query" "$work/bin/sudo"

# as_user COMMAND...: as nobody when we are root, else as ourselves.
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}
setup() {
	as_user env HOME="$work" PATH="$work/bin:$PATH" SETUP_MISSING="$1" sh tools/setup.sh \
		>"$work/out" 2>"$work/err"
}

echo 1..4
pkg=$(grep -v '^#' tools/packages.txt | head -n 1)
setup "$pkg"
st=$?
[ $st -eq 1 ] && echo "ok 1 - setup stops when $pkg is missing and it cannot get root" ||
	echo "not ok 1 - setup stops when $pkg is missing and it cannot get root (exit status $st)"
sed 's/^/# /' "$work/err"
want="apt-get update && apt-get install -y --no-install-recommends $pkg"
if [ "$(wc -l <"$work/err")" -eq 2 ] && grep -q 'as root' "$work/err" &&
	tail -n 1 "$work/err" | grep -qF "$want"; then
	echo "ok 2 - its one message names the line to run as root: $want"
else
	echo "not ok 2 - its one message names the line to run as root: $want"
fi
[ ! -s "$work/out" ] && echo "ok 3 - it installs nothing" || echo "not ok 3 - it installs nothing"
setup ""
st=$?
if [ $st -eq 0 ] && [ ! -s "$work/out" ] && [ ! -s "$work/err" ]; then
	echo "ok 4 - with nothing missing it needs no root and says nothing"
else
	echo "not ok 4 - with nothing missing it needs no root and says nothing (exit status $st)"
	sed 's/^/# /' "$work/out" "$work/err"
fi
