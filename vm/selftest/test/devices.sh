# qemu: -device edu -device pc-testdev -device pci-testdev
# A suite's "# qemu:" header adds devices to its machine.  The hardware
# chapters drive QEMU's edu device, pc-testdev and pci-testdev; this
# control suite reaches each of them from user space on both kernels.
. /lib/tap.sh
plan 6
out=$(./devices edu)
ok $? "edu: its BAR 0 maps from user space"
is "$(echo "$out" | sed -n 's/^edu-id //p')" 0x010000ed \
	"edu: the identification register reads 0x010000ed"
is "$(echo "$out" | sed -n 's/^edu-liveness //p')" 0xedcba987 \
	"edu: the liveness register reads back the complement of 0x12345678"
out=$(./devices testdev)
is "$(echo "$out" | sed -n 's/^testdev-word //p')" 0xdeadbeef \
	"pc-testdev: port 0xe0 keeps the word written to it"
is "$(echo "$out" | sed -n 's/^testdev-lane2 //p')" 0xde5abeef \
	"pc-testdev: a byte written to port 0xe2 replaces lane 2 of the word"
./devices pci 1b36:0005 >/dev/null
ok $? "pci-testdev (1b36:0005) is on the PCI bus"
