# The buddy simulator: scripts whose output was worked out by hand
# (test/buddy-scripts/*.bud and .out, with -v for steps-*), a problem made up by
# -s whose answer was checked by hand, the bench's bookkeeping, and its
# refusals of bad input.
. sim/lib/tap.sh
D=sim/03-allocators/test/buddy-scripts
set -- "$D"/*.bud
plan $(($# + 29))

for script; do
	case ${script##*/} in
	steps-*) "$SIM/buddy" -v -f "$script" >"$T/out" 2>&1 ;;
	*) "$SIM/buddy" -f "$script" >"$T/out" 2>&1 ;;
	esac
	same "$T/out" "${script%.bud}.out" "by hand: ${script##*/}"
done

"$SIM/buddy" -s 5 -c >"$T/a"
same "$T/a" "$D/seed-5.out" "-s 5 -c: the problem and its answer, checked by hand"
"$SIM/buddy" -s 5 >"$T/a"
"$SIM/buddy" -s 5 >"$T/b"
same "$T/a" "$T/b" "-s 5 makes up the same problem twice"
"$SIM/buddy" -s 6 >"$T/b"
! cmp -s "$T/a" "$T/b"
ok $? "-s 6 makes up another one"
"$SIM/buddy" -s 6 | "$SIM/buddy" -f - >"$T/b"
"$SIM/buddy" -s 6 -c | tail -n "$(wc -l <"$T/b")" >"$T/a"
same "$T/a" "$T/b" "-s 6 -c answers with what -f prints for the problem"

# The bench frees what it still holds at the end: everything merges back
# into the 256 blocks of order 10 that boot made of 1 GiB.
"$SIM/buddy" -b 300000 -s 3 >"$T/out"
is "$(tail -n 1 "$T/out")" \
	"Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0    256 " \
	"-b: after the bench, all of 1 GiB merges back into order 10"
is "$(awk '/operations on/ { print $6 + $10 }' "$T/out")" 300000 \
	"-b: allocs and frees add up to the operations asked for"

Z='zone Normal 0x1000 16'
bad() { printf '%s\n' "$@" >"$T/bad.bud"; }
bad "$Z" 'alloc A 0' 'frobnicate'
rejects "unknown command 'frobnicate'" "an unknown command" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'alloc A 11'
rejects "order 11: orders go from 0 to MAX_ORDER - 1 = 10" "order 11" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'alloc A x'
rejects "bad order 'x'" "an order that is no number" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'free Q'
rejects "no alloc line has ID Q" "the free of an ID never allocated" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'alloc A 1' 'free A' 'free A'
rejects "double free, A was freed on line 3" "a double free" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'alloc A 1' 'free 0x1000 1' 'free 0x1000 1'
rejects "no block allocated at this pfn" "a double free by pfn" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'alloc A 1' 'free 0x1001 1'
rejects "pfn not aligned to the order" "an odd pfn for order 1" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'alloc A 1' 'free 0x1000 0'
rejects "block allocated with another order" "a free with the wrong order" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'free 0x1004 2'
rejects "no block allocated at this pfn" "the free of a free block" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'free 0x2000 0'
rejects "pfn in no zone" "the free of a pfn outside every zone" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'alloc A 0' 'alloc A 0'
rejects "A is still allocated (line 2)" "an ID allocated twice" "$SIM/buddy" -f "$T/bad.bud"
bad 'alloc A 0'
rejects "no zone yet" "an alloc before any zone" "$SIM/buddy" -f "$T/bad.bud"
bad 'zone Normal 0x1000 5k'
rejects "not a whole number of 4 KiB pages" "a zone size that is not whole pages" "$SIM/buddy" -f "$T/bad.bud"
bad 'zone Normal 0x1000 16q'
rejects "bad size '16q'" "a zone size that is no size" "$SIM/buddy" -f "$T/bad.bud"
bad 'zone Normal 0x1000 0'
rejects "zone size 0" "an empty zone" "$SIM/buddy" -f "$T/bad.bud"
bad 'zone Lowmem 0 16'
rejects "unknown zone 'Lowmem'" "an unknown zone" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'zone DMA 0x1008 16'
rejects "zone DMA must lie below zone Normal" "overlapping zones" "$SIM/buddy" -f "$T/bad.bud"
bad 'zone DMA32 0x1000 16' 'zone HighMem 0x2000 16'
rejects "a kernel has one or the other" "DMA32 and HighMem together" "$SIM/buddy" -f "$T/bad.bud"
bad "$Z" 'show all'
rejects "show takes no arguments" "show with an argument" "$SIM/buddy" -f "$T/bad.bud"
rejects "No such file" "a missing script" "$SIM/buddy" -f "$T/missing"
rejects "unknown option -x" "an unknown option" "$SIM/buddy" -x
rejects "-c goes with -s" "-c without -s" "$SIM/buddy" -c -f "$T/bad.bud"
rejects "-b 0: give a number of operations" "-b 0" "$SIM/buddy" -b 0
