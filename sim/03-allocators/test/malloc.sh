# glibc's malloc() on this machine: brk below M_MMAP_THRESHOLD (128 KiB to
# begin with), mmap well above it, the threshold raised by free(), mallopt()
# fixing it, and the resident pages each step adds.  AddressSanitizer
# replaces malloc(), so the behaviour is read from the plain build
# ($SIM_PLAIN) and the static one; the sanitized one is held to the
# refusals of bad input.
. sim/lib/tap.sh
plan 19

M=$SIM_PLAIN/malloc

# from SIZE...: the "from" column, one word per size
from() {
	"$M" "$@" | sed '1,2d' | awk '{ printf "%s%s", sep, $2; sep = " " }'
}
# col N SIZE...: column N of the last line
col() {
	n=$1
	shift
	"$M" "$@" | tail -n 1 | awk -v n="$n" '{ print $n + 0 }'
}

is "$("$M" 16 | head -n 1 | sed 's/glibc [^,]*, //')" \
	"M_MMAP_THRESHOLD 131072 to begin with, raised by free()" \
	"the report names the starting threshold"
is "$(from 16 4k 64k)" "brk brk brk" "16 B, 4 KiB and 64 KiB come from the heap"
is "$(from 1m)" "mmap" "1 MiB gets a mapping of its own"
is "$(from 16m)" "mmap" "so does 16 MiB"
# free() of the 1 MiB mapping raised the threshold above 1 MiB: the same
# request now comes from the heap.  4 MiB is still above it.
is "$(from 1m 1m 4m)" "mmap brk mmap" "the threshold is dynamic: the second 1m comes from the heap"
is "$(from 200k 200k)" "mmap brk" "it moves for any mmapped block above it"
is "$(from -t 128k 1m 1m)" "mmap mmap" "mallopt(M_MMAP_THRESHOLD) stops it from moving"
is "$(from -t 2m 1m)" "brk" "mallopt() can raise it too"

# Resident pages of a 1 MiB mapping: glibc writes its header on the first
# page; each page written is one more; munmap() gives them all back.  The
# mapping is 1 MiB + 16 bytes of header, page aligned: 257 pages.
is "$(col 3 1m)" 0 "the mapping leaves the program break alone"
is "$(col 4 1m)" 1 "after malloc(1m), one page is resident: glibc's header"
is "$(col 5 1m)" 257 "after a write to each page, 257"
is "$(col 6 1m)" 0 "after free(), munmap() has given them back"
# From the heap the pages stay after free(): glibc trims the top of the
# heap only beyond M_TRIM_THRESHOLD, which the raise made 2 MiB.
[ "$(col 3 1m 1m)" -ge 200 ]
ok $? "from the heap, 1 MiB moves the program break up"
[ "$(col 6 1m 1m)" -ge 200 ]
ok $? "the heap keeps the pages of a freed 1 MiB block"

# A static program sets up its heap before main(): the same answers.
M=$SIM_STATIC/malloc
is "$(from 16 4k 1m 1m)" "brk brk mmap brk" "the static build gives the same answers"

rejects "malloc(0)" "a size of 0" "$SIM/malloc" 0
rejects "more than 256m" "a size above 256 MiB" "$SIM/malloc" 1g
rejects "'lots' is not a size" "a size that is not one" "$SIM/malloc" lots
rejects "-t 64m" "a threshold above glibc's maximum" "$SIM/malloc" -t 64m 16
