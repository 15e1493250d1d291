#!/bin/sh
# Boot one suite in a fresh VM and judge it.
#
#   run.sh TARGET UNIT/SUITE SUITE-FILE OUTDIR CAPTURE-DIR [MEM]
#
# The suite file's header sets the boot:
#   # mem: 256M [896M ...]   memory (MEM, when given, picks one of them)
#   # qemu: -device edu      extra QEMU arguments
#   # append: slub_debug=FZPU extra kernel command line
#   # timeout: 60            seconds before the VM is killed
#   # kernel: bzimage        boot the Debian vmlinuz through its own set-up
#                            and decompressor instead of vmlinux's PVH entry:
#                            slower, with KASLR, but the decompressor is what
#                            switches to 5-level paging on an LA57 CPU
# OUTDIR receives console.log (ttyS0: the kernel and /init), tap.log (ttyS1:
# the suite's TAP), capture.log (ttyS2) and result.tap, the verdict: the
# suite's own test points, then a "not ok" for each way the boot went wrong
# (time-out, no clean power-off, a flood of output, a missing or short plan,
# and any BUG:, WARNING:, Oops, general protection fault, Call Trace or
# Kernel panic in the kernel log).  The captures land in
# CAPTURE-DIR/NAME.txt (NAME-MEM.txt when the suite boots with several
# memory sizes).  Exits 0: the verdict is data.
set -eu
target=$1 id=$2 suite=$3 out=$4 capdir=$5 mem=${6:-}
# The grader boots a submission's own initramfs.
initrd=${INITRD:-build/vm/$target/${id%/*}.cpio}

header() { sed -n "s/^# $1: *//p" "$suite" | head -n 1; }
case $(header kernel) in
"") kernel=build/kernels/$target/vmlinux ;;
bzimage) kernel=build/kernels/$target/root/boot/vmlinuz-$(cut -d' ' -f1 "build/kernels/$target/.abi") ;;
*) echo "$suite: unknown kernel: $(header kernel)" >&2; exit 1 ;;
esac
mems=$(header mem)
[ -n "$mem" ] || mem=${mems%% *}
timeout=$(header timeout)
# no_timer_check: on a loaded host a TCG guest can miss the timer ticks
# that check_timer() counts at boot, and panic with "IO-APIC + timer
# doesn't work"; the check is for broken hardware, not for slow emulation.
# softlockup_panic, watchdog_thresh: a CPU that runs kernel code for 8 s
# without scheduling (a busy loop in a module's init, say) panics the guest
# with a report that names the task, instead of spinning until the time-out.
append="console=ttyS0 quiet cryptomgr.notests no_timer_check panic=-1 softlockup_panic=1 watchdog_thresh=4 suite=$id ram=${mem:-256M} $(header append)"
[ "$target" = i386 ] && append="$append noisapnp"

rm -rf "$out"
mkdir -p "$out"
# shellcheck disable=SC2046 # the qemu header is a list of arguments
timeout -k 2 "${timeout:-60}" qemu-system-x86_64 -M pc -accel "${ACCEL:-tcg}" \
	-m "${mem:-256M}" -bios /usr/share/qemu/qboot.rom -kernel "$kernel" \
	-initrd "$initrd" -append "$append" -display none -monitor none \
	-nic none -no-reboot -device isa-debug-exit,iobase=0x501,iosize=1 \
	-serial "file:$out/console.log" -serial "file:$out/tap.log" \
	-serial "file:$out/capture.log" $(header qemu) \
	>"$out/qemu.log" 2>&1 </dev/null &
qemu=$!
# Every log of a normal run stays under 64 KiB; a module that floods the
# console writes MiBs a second.  Stop such a VM at once, not at the time-out.
flood_mib=2
while kill -0 $qemu 2>/dev/null; do
	sleep 0.2
	if [ -n "$(find "$out" -name '*.log' -size +$((flood_mib << 10))k)" ]; then
		: >"$out/flood"
		kill $qemu
		break
	fi
done </dev/null >/dev/null 2>&1 &
watch=$!
wait $qemu && rc=0 || rc=$?
wait $watch || true

# The suite id in every test point's description, so a failure names it.
name="$target ${id}${mem:+ ($mem)}"
tr -d '\r' <"$out/tap.log" | awk -v name="$name" '
	/^1\.\.[0-9]+/ { print; next }
	/^(not )?ok / {
		match($0, /^(not )?ok [0-9]*/)
		rest = substr($0, RLENGTH + 1)
		sub(/^ *-? */, "", rest)
		print substr($0, 1, RLENGTH) " - " name ": " rest
		next
	}
	{ print }' >"$out/result.tap"
tr -d '\r' <"$out/console.log" >"$out/console.txt"
awk -v name="$name" -v rc="$rc" -v secs="${timeout:-60}" -v mib="$flood_mib" -v flood="$([ -f "$out/flood" ] && echo 1)" -v tapf="$out/result.tap" '
	/(BUG:|WARNING:|Oops|general protection fault|Call Trace|Kernel panic)/ && !bad {
		bad = $0; sub(/^\[[ 0-9.]*\] /, "", bad)
	}
	{ last = $0 }
	END {
		while ((getline l < tapf) > 0) {
			if (l ~ /^1\.\.[0-9]+/) { plan = substr(l, 4) + 0; seen = 1 }
			if (l ~ /^(not )?ok /) ran++
		}
		if (flood)
			printf "not ok - %s: kernel log: a flood of messages, stopped when a log of the VM passed %d MiB (console: %s)\n", name, mib, substr(last, 1, 100)
		else if (rc == 124 || rc == 137)
			printf "not ok - %s: timed out after %s s (console: %s)\n", name, secs, last
		else if (rc != 1)
			printf "not ok - %s: no clean power-off (qemu exit status %d)\n", name, rc
		if (bad != "")
			printf "not ok - %s: kernel log: %s\n", name, bad
		if (!seen)
			printf "not ok - %s: no TAP plan\n", name
		else if (plan != ran)
			printf "not ok - %s: planned %d tests, ran %d\n", name, plan, ran
	}' "$out/console.txt" >>"$out/result.tap"

# Split the capture port into one file per capture.
case $mems in
*" "*) suffix=-$mem ;;
*) suffix= ;;
esac
mkdir -p "$capdir"
tr -d "\r" <"$out/capture.log" | awk -v dir="$capdir" -v suffix="$suffix" '
	/^@@capture / { f = dir "/" $2 suffix ".txt"; printf "" >f; next }
	/^@@end$/ { close(f); f = ""; next }
	f != "" { print >>f }'
