# The host TLB experiment: only what does not depend on time, since the
# times are the machine's (and ASan's): the shape of the output, the page
# counts, the report on transparent huge pages, and the refusals.
. sim/lib/tap.sh
plan 11

"$SIM/tlbhost" -n 64 -r 1000 >"$T/out"
st=$?
is "$st" 0 "tlbhost -n 64 runs"
grep -v '^#' "$T/out" | awk '{ print $1 }' | tr '\n' ' ' >"$T/counts"
is "$(cat "$T/counts")" "1 2 3 4 6 8 12 16 24 32 48 64 " \
	"page counts: two per doubling, up to -n"
grep -v '^#' "$T/out" | awk 'NF != 2 || $2 !~ /^[0-9]+\.[0-9][0-9][0-9]$/ || $2 <= 0 { bad = 1 }
	END { exit bad }'
ok $? "each line is a count and a positive time in ns"
grep -q '^# 4 KiB pages, 2048 kB, of which AnonHugePages 0 kB$' "$T/out"
ok $? "without -H, no huge page (MADV_NOHUGEPAGE), and 64 pages round up to 2 MiB"
"$SIM/tlbhost" -n 100 -r 10 -S 8k | grep -v '^#' | tail -n 1 | awk '{ print $1 }' >"$T/last"
is "$(cat "$T/last")" 96 "-n 100 stops at the last count below it"
"$SIM/tlbhost" -H -n 16 -r 100 >"$T/out"
grep -q '^# MADV_HUGEPAGE pages, 2048 kB, of which AnonHugePages [0-9]* kB$' "$T/out"
ok $? "-H reports how much the kernel backed with huge pages"

rejects "-n 0: give a positive number" "zero pages" "$SIM/tlbhost" -n 0
rejects "-n 1q" "garbage for a number" "$SIM/tlbhost" -n 1q
rejects "multiple of the 4096-byte page" "a stride inside a page" "$SIM/tlbhost" -S 100
rejects "at most 1m pages" "too many pages" "$SIM/tlbhost" -n 2m
rejects "unexpected argument" "an argument" "$SIM/tlbhost" 64
