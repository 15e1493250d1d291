# The kernel-map calculator on the host: its refusals of bad input and its
# made-up problems.  Its numbers are held against the real kernels in the
# VM (modules/01-layout/test/{layout,highmem,vmalloc}.sh).
. sim/lib/tap.sh
plan 12

rejects "no RAM" "-m 0" "$SIM/kmap" -m 0
rejects "not a size" "-m banana" "$SIM/kmap" -m banana
rejects "unknown architecture" "-a arm" "$SIM/kmap" -a arm
rejects "VMSPLIT" "-S 4G" "$SIM/kmap" -S 4G
rejects "4 or 5 levels" "-l 6" "$SIM/kmap" -a x86_64 -l 6
rejects "without PAE" "64G without PAE" "$SIM/kmap" -m 64G
rejects "are for i386" "-P on x86_64" "$SIM/kmap" -a x86_64 -P
rejects "leaves no lowmem" "vmalloc=1G" "$SIM/kmap" -P -m 2G -v 1G

"$SIM/kmap" -s 9 >"$T/a"
"$SIM/kmap" -s 9 >"$T/b"
same "$T/a" "$T/b" "-s 9 makes up the same problem twice"
"$SIM/kmap" -s 10 >"$T/b"
! cmp -s "$T/a" "$T/b"
ok $? "-s 10 makes up another one"
# -c names the options that give its answer; they must give the same.
"$SIM/kmap" -s 9 -c >"$T/c"
opts=$(sed -n 's/^Answer (kmap \(.*\)):$/\1/p' "$T/c")
# shellcheck disable=SC2086 # the options, one word each
"$SIM/kmap" $opts >"$T/b"
tail -n "$(wc -l <"$T/b")" "$T/c" >"$T/a"
same "$T/a" "$T/b" "-s 9 -c answers with what kmap $opts prints"
# Without PAE a pmd covers 4 MiB, not 2, and the pkmap window holds 1024
# pages, not 512: the areas at the top take 4 MiB more, and the direct map
# gives them up.
pae=$("$SIM/kmap" -P -m 2G | sed -n 's/MB LOWMEM.*//p')
nopae=$("$SIM/kmap" -m 2G | sed -n 's/MB LOWMEM.*//p')
[ "$nopae" -lt "$pae" ]
ok $? "without PAE, less LOWMEM ($nopae MB) than with PAE ($pae MB)"
