# The TLB simulator: hit and miss sequences worked out by hand for each
# policy, geometry, PCIDs, global and 2 MiB pages, invlpg and flushes; text
# and binary traces; the effective access time; made-up problems; and its
# refusals of bad input.
. sim/lib/tap.sh
plan 51

# trace LINE...: a text trace in $T/t, one argument a line
trace() {
	printf '%s\n' "$@" >"$T/t"
}

# outcome TLB-OPTIONS...: what each operation of $T/t did, on one line:
# h (hit), m (miss), m-PAGE (a miss that evicted PAGE), d-N (dropped N
# entries).  The PCIDs of evicted entries are left out.
outcome() {
	"$SIM/tlb" -c "$@" -f "$T/t" | awk '
		/^ +[0-9]+  / {
			if (/ hit$/) w = "h"
			else if (/ miss$/) w = "m"
			else if (match($0, /evicts 0x[0-9a-f]+/))
				w = "m-" substr($0, RSTART + 7, RLENGTH - 7)
			else if (match($0, /drops [0-9]+/))
				w = "d-" substr($0, RSTART + 6, RLENGTH - 6)
			else w = "?"
			s = s (s == "" ? "" : " ") w
		}
		END { print s }'
}

# stat NAME TLB-OPTIONS...: one number of the report
stat() {
	name=$1
	shift
	"$SIM/tlb" "$@" | awk -v n="$name" 'sub("^" n "  +", "") { print $1 }' |
		sed -n 's/%$//;1p'
}

# Pages A B C D: four 4 KiB pages.  The traces of sim/02-mmu/test/traces/,
# which the book shows, first.  A fully associative TLB of 3 entries:
A=0x1000 B=0x2000 C=0x3000 D=0x4000
cp sim/02-mmu/test/traces/lru-fifo.trace "$T/t"
is "$(outcome -e 3 -a full -p lru)" "m m m h m-$B h m-$C" \
	"lru evicts the least recently used: B, which A's hit made older"
is "$(outcome -e 3 -a full -p fifo)" "m m m h m-$A m-$B m-$C" \
	"fifo evicts the first filled, A, although it was just used"
cp sim/02-mmu/test/traces/switch.trace "$T/t"
is "$(outcome -e 8 -a full -t pcid)" "m m d-0 m h d-0 h h" \
	"switch.trace, pcid: every entry is found again after the switches"
is "$(outcome -e 8 -a full -t flush)" "m m d-1 m h d-1 m h" \
	"switch.trace, flush: only the global page survives a switch"
trace "r $A" "r $B" "r $A" "r $B" "r $A"
is "$(outcome -e 2 -a full -p random -s 7)" "m m h h h" \
	"random fills the empty ways before it evicts"

# random: C evicts A or B; over 40 seeds, each at least 10 times
trace "r $A" "r $B" "r $C"
a=0 b=0
for s in $(seq 1 40); do
	case $(outcome -e 2 -a full -p random -s "$s") in
	"m m m-$A") a=$((a + 1)) ;;
	"m m m-$B") b=$((b + 1)) ;;
	esac
done
[ $a -ge 10 ] && [ $b -ge 10 ] && [ $((a + b)) -eq 40 ]
ok $? "random: over 40 seeds, A goes $a times and B $b times"
is "$(outcome -e 2 -a full -p random -s 3)" "$(outcome -e 2 -a full -p random -s 3)" \
	"random: the same seed evicts the same entries"

# Direct-mapped: with 4 sets, pages 0x0 and 0x4000 both go to set 0.
trace "r 0x0" "r 0x4000" "r 0x0" "r 0x4000" "r 0x1000" "r 0x0"
is "$(outcome -e 4 -a 1)" "m m-0x0 m-0x4000 m-0x0 m m-0x4000" \
	"direct-mapped: two pages of one set evict each other"
is "$(outcome -e 4 -a 2)" "m m h h m h" \
	"2-way: the same pages share set 0 in peace"
"$SIM/tlb" -c -e 4 -a 2 -f "$T/t" | grep -c 'set 0 ' >"$T/n"
is "$(cat "$T/n")" 5 "2-way: 0x0 and 0x4000 land in set 0, 0x1000 in set 1"

# Address spaces: the same address under two PCIDs is two pages.
trace "r $A" "switch 1" "r $A" "r $B" "switch 0" "r $A" "r $B"
is "$(outcome -e 8 -a full -t pcid)" "m d-0 m m d-0 h m" \
	"pcid: A of PCID 0 survives the switches; B of PCID 1 is not B of 0"
is "$(outcome -e 8 -a full -t flush)" "m d-1 m m d-2 m m" \
	"flush: each switch drops every entry"
trace "r 0xffff888000000000 g" "r $A" "switch 1" "r 0xffff888000000000 g" \
	"r $A" "flush" "r 0xffff888000000000 g" "flushall" "r 0xffff888000000000 g"
is "$(outcome -e 8 -a full -t flush)" "m m d-1 h m d-1 h d-1 m" \
	"a global page survives switches and flush, not flushall"
trace "r $A" "switch 1" "r $A" "switch 2" "r $A" "switch 1" "r $A"
is "$(outcome -e 2 -a full -t pcid)" "m d-0 m d-0 m-$A d-0 h" \
	"pcid: three PCIDs' copies of A compete for 2 entries"
"$SIM/tlb" -c -e 2 -a full -f "$T/t" | grep -c 'evicts 0x1000 pcid 0$' >"$T/n"
is "$(cat "$T/n")" 1 "pcid: the entry evicted is PCID 0's"

# 2 MiB pages: one entry covers 512 pages of 4 KiB.
trace "r 0x200000 2m" "r 0x3ff000 2m" "r 0x3ff000" "r 0x400000 2m" "r 0x200abc 2m"
is "$(outcome -e 8 -a full)" "m h m m h" \
	"2m: one entry for 0x200000-0x3fffff; the 4 KiB page 0x3ff000 is another"
is "$(stat misses -e 64 -a full -g loop -n 512 -S 4k -P 2m -R 5120)" 1 \
	"2m: 512 pages 4 KiB apart in one 2 MiB page miss once"
is "$(stat misses -e 64 -a full -g loop -n 512 -S 4k -R 5120)" 5120 \
	"4k: the same loop over 512 pages misses every time (LRU)"
is "$(stat misses -e 64 -a full -g loop -n 64 -S 4k -R 5120)" 64 \
	"4k: a loop over 64 pages misses once per page"
is "$(stat hits -e 64 -a 4 -g chase -n 128 -R 100000)" 0 \
	"4-way LRU: a random cycle over 128 pages never hits"
trace "r 0x600000 2m" "r 0x600000"
"$SIM/tlb" -c -e 8 -a 2 -f "$T/t" >"$T/out"
grep -q '^ *1  r 0x600000 2m .*set 3 ' "$T/out" && grep -q '^ *2  r 0x600000 .*set 0 ' "$T/out"
ok $? "2m: the set comes from the 2 MiB page number (3 mod 4), not the 4 KiB one (0x600 mod 4)"

# invlpg: the current PCID's entries and global ones, at any page size
trace "r $A" "r $A" "invlpg 0x1abc" "r $A"
is "$(outcome -e 8 -a full)" "m h d-1 m" "invlpg drops the page of any address in it"
trace "r 0x200000 2m" "invlpg 0x3ff000" "r 0x200000 2m"
is "$(outcome -e 8 -a full)" "m d-1 m" "invlpg drops the 2 MiB page that holds the address"
trace "r $A" "switch 1" "invlpg $A" "switch 0" "r $A"
is "$(outcome -e 8 -a full)" "m d-0 d-0 d-0 h" "invlpg leaves other PCIDs' entries"
trace "r $A g" "r $A" "switch 1" "invlpg $A" "switch 0" "r $A" "r $A g"
is "$(outcome -e 8 -a full)" "m m d-0 d-1 d-0 h m" "invlpg drops the global entry too"

# The two trace formats give the same run.
trace "# a comment" "" "r 0x7f0000001234" "w 0x7f0000001000   # the same page" \
	"r 0x7f0000200000 2m g" "switch 4095" "w 0x7f0000001000 4k" \
	"invlpg 0x7f0000001000" "flush" "r 0xffffffffff600000 g" "flushall" \
	"switch 0" "r 0x7f0000001000"
"$SIM/tlb" -f "$T/t" -w "$T/t.bin"
"$SIM/tlb" -c -e 4 -a 2 -f "$T/t" >"$T/text.out"
"$SIM/tlb" -c -e 4 -a 2 -f "$T/t.bin" >"$T/bin.out"
same "$T/bin.out" "$T/text.out" "the binary trace replays as the text one"
"$SIM/tlb" -c -e 4 -a 2 -f - <"$T/t.bin" >"$T/bin.out"
same "$T/bin.out" "$T/text.out" "a binary trace on standard input too"
is "$(wc -c <"$T/t.bin")" $((8 + 8 * 11)) "8 bytes of magic and 8 a record"
od -A n -t x1 -j 16 -N 8 "$T/t.bin" | tr -d ' \n' >"$T/rec"
is "$(cat "$T/rec")" 01100000007f0000 "w 0x7f0000001000: the page, w (1), no flag, little-endian"
od -A n -t x1 -j 24 -N 8 "$T/t.bin" | tr -d ' \n' >"$T/rec"
is "$(cat "$T/rec")" 80012000007f0000 "r 0x7f0000200000 2m g: PS is bit 7, G bit 8"
"$SIM/tlb" -g random -n 200 -R 5000 -s 9 -w "$T/g.bin"
"$SIM/tlb" -c -e 16 -a 4 -s 9 -f "$T/g.bin" >"$T/a"
"$SIM/tlb" -c -e 16 -a 4 -s 9 -g random -n 200 -R 5000 >"$T/b"
same "$T/a" "$T/b" "-g -w then -f is -g itself"

# EAT = (hits (T + M) + misses (T + levels M + M)) / references
trace "r $A" "r $A" "r $A"
is "$(stat EAT -e 4 -a 1 -f "$T/t")" 234.333 "EAT: (2 * 101 + 501) / 3 ns"
is "$(stat EAT -e 4 -a 1 -T 0.5 -M 80 -l 5 -f "$T/t")" 213.833 \
	"EAT: (2 * 80.5 + 480.5) / 3 ns with -T 0.5 -M 80 -l 5"
trace "r $A 2m"
is "$(stat EAT -e 4 -a 1 -f "$T/t")" 401.000 "EAT: a 2 MiB miss walks one level less"
is "$(stat "hit rate" -e 4 -a 1 -g loop -n 3 -R 300)" 99.000 "hit rate: 297 of 300"

# Made-up problems: the answer is the replay of the problem's trace.
"$SIM/tlb" -s 11 >"$T/p"
cmd=$(sed -n 's/^# Replay: tlb \(.*\) -f FILE$/\1/p' "$T/p")
# shellcheck disable=SC2086 # options
"$SIM/tlb" $cmd -f "$T/p" >"$T/want"
"$SIM/tlb" -s 11 -c | sed '1,/^Answer:$/d' >"$T/got"
same "$T/got" "$T/want" "-s 11 -c answers with the replay of its trace ($cmd)"
"$SIM/tlb" -s 11 >"$T/q"
same "$T/q" "$T/p" "-s 11 makes up the same problem twice"
for s in 1 2 3 4 5 6 7 8; do "$SIM/tlb" -s $s; done | grep -c '^switch' >"$T/n"
[ "$(cat "$T/n")" -gt 0 ]
ok $? "problems switch PCIDs now and then ($(cat "$T/n") times in 8)"

# Bad input: one line on stderr, status 2, nothing on stdout.
head -c 20 "$T/t.bin" >"$T/cut.bin"
rejects "truncated record at byte 16" "a truncated binary record" "$SIM/tlb" -f "$T/cut.bin"
rejects "truncated record" "a truncated record, even with -c" "$SIM/tlb" -c -f "$T/cut.bin"
printf '\177TLB v1\n\006\000\000\000\000\000\000\000' >"$T/op.bin"
rejects "unknown operation" "an unknown binary operation" "$SIM/tlb" -c -f "$T/op.bin"
rejects "-p lfu: unknown" "a bad policy" "$SIM/tlb" -p lfu -f "$T/t"
rejects "exercise 02.2" "clock, which is the exercise" "$SIM/tlb" -p clock -f "$T/t"
rejects "must divide" "entries not divisible by the ways" "$SIM/tlb" -e 64 -a 3 -f "$T/t"
rejects "power of two" "a number of sets not a power of two" "$SIM/tlb" -e 48 -a 4 -f "$T/t"
rejects "give 1 to 1m entries" "zero entries" "$SIM/tlb" -e 0 -f "$T/t"
rejects "-e 6x: not a number" "garbage for a number" "$SIM/tlb" -e 6x -f "$T/t"
rejects "-M -5" "a negative latency" "$SIM/tlb" -M -5 -f "$T/t"
trace "r $A" "switch 4096"
rejects "t:2: switch: give a PCID" "a PCID above 4095" "$SIM/tlb" -c -f "$T/t"
trace "r 0x0100000000000000"
rejects "not a canonical address" "a non-canonical address" "$SIM/tlb" -f "$T/t"
trace "r $A" "read $B"
rejects "t:2: unknown operation 'read'" "an unknown operation, with its line" "$SIM/tlb" -c -f "$T/t"
