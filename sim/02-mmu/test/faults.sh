# The fault counter on the host: one fault per page where the kernel must
# map a page, none where it is already mapped, fewer than one per page
# where fault-around maps the neighbours of a page-cache page, and the two
# kinds of SIGSEGV.  These hold on any Linux kernel, not only 6.1.
. sim/lib/tap.sh
plan 16

rejects "from 1 to 65536" "-n 0" "$SIM/faults" -n 0
rejects "from 1 to 65536" "-n 65537" "$SIM/faults" -n 65537
rejects "from 1 to 65536" "-n banana" "$SIM/faults" -n banana
rejects "unknown option" "-x" "$SIM/faults" -x
rejects "unexpected argument" "a stray argument" "$SIM/faults" 12

"$SIM/faults" -n 50 >"$T/out"
ok $? "faults -n 50 runs"
# field NAME N: the Nth field of the line of experiment NAME.
field() { awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$T/out"; }
is "$(field pages 2)" 50 "it touches 50 pages"
is "$(field write 3)" 50 "write: one minor fault per fresh anonymous page"
is "$(field rewrite 3)" 0 "rewrite: no fault once the pages are mapped"
is "$(field read 3)" 50 "read: one minor fault per page (the zero page)"
is "$(field write-after-read 3)" 50 \
	"write-after-read: one more fault per page, to replace the zero page"
is "$(field cow-child 3)" 50 "cow-child: one copy-on-write fault per page"
is "$(awk '$2 == "minflt" && $5 != 0' "$T/out")" "" \
	"no major fault: nothing had to be read from a disk"
fr=$(field file-read 3)
[ "$fr" -ge 1 ] && [ "$fr" -le 50 ]
ok $? "file-read: between 1 and 50 faults ($fr)"
is "$(field mprotect 3)" SEGV_ACCERR \
	"a write to a read-only page is SEGV_ACCERR"
is "$(field munmap 3)" SEGV_MAPERR "a write where nothing is mapped is SEGV_MAPERR"
