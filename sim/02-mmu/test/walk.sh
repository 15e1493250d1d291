# The page-table walker on the host: addresses cut up with the shell's
# own arithmetic, hand-made walks of all four formats (walk/*.walk, in the
# format of the chapter's module, worked out by hand), every kind of fault,
# made-up problems whose answers must follow from their own memory dump,
# and refusals of bad input.  In the VM the same walker redoes the walks
# that the module captures from real processes.
. sim/lib/tap.sh
D=sim/02-mmu/test/walks
plan 69

# decomposes FORMAT VA EXPECTED-FILE DESCRIPTION
decomposes() {
	"$SIM/walk" -m "$1" -a "$2" >"$T/got" 2>&1
	same "$T/got" "$3" "$4"
}

# A user address of 4level: indices are 9-bit fields from bit 12 up.
va=0x00007f5a3c201123
cat >"$T/want" <<EOF
format 4level
va $va
pgd $((va >> 39 & 511)) bits 47-39
p4d folded
pud $((va >> 30 & 511)) bits 38-30
pmd $((va >> 21 & 511)) bits 29-21
pte $((va >> 12 & 511)) bits 20-12
offset 4k 0x$(printf %x $((va & 0xfff))) bits 11-0
offset 2m 0x$(printf %x $((va & 0x1fffff))) bits 20-0
offset 1g 0x$(printf %x $((va & 0x3fffffff))) bits 29-0
EOF
decomposes 4level $va "$T/want" "-a cuts a 4level user address into 9-bit indices"

# A kernel address does not fit the shell's signed arithmetic: its halves.
hi=0xffff8880 lo=0x03a5f008
cat >"$T/want" <<EOF
format 4level
va 0xffff888003a5f008
pgd $((hi >> 7 & 511)) bits 47-39
p4d folded
pud $(((hi & 0x7f) << 2 | lo >> 30)) bits 38-30
pmd $((lo >> 21 & 511)) bits 29-21
pte $((lo >> 12 & 511)) bits 20-12
offset 4k 0x$(printf %x $((lo & 0xfff))) bits 11-0
offset 2m 0x$(printf %x $((lo & 0x1fffff))) bits 20-0
offset 1g 0x$(printf %x $((lo & 0x3fffffff))) bits 29-0
EOF
decomposes 4level 0xffff888003a5f008 "$T/want" \
	"-a cuts a kernel address of the direct map (pgd 273)"

va=0x00ab123456789abc
cat >"$T/want" <<EOF
format 5level
va $va
pgd $((va >> 48 & 511)) bits 56-48
p4d $((va >> 39 & 511)) bits 47-39
pud $((va >> 30 & 511)) bits 38-30
pmd $((va >> 21 & 511)) bits 29-21
pte $((va >> 12 & 511)) bits 20-12
offset 4k 0x$(printf %x $((va & 0xfff))) bits 11-0
offset 2m 0x$(printf %x $((va & 0x1fffff))) bits 20-0
offset 1g 0x$(printf %x $((va & 0x3fffffff))) bits 29-0
EOF
decomposes 5level $va "$T/want" "-a with 5level: a p4d index, and the pgd's from bit 48"

va=0xb7f01234
cat >"$T/want" <<EOF
format pae
va $va
pgd $((va >> 30)) bits 31-30
p4d folded
pud folded
pmd $((va >> 21 & 511)) bits 29-21
pte $((va >> 12 & 511)) bits 20-12
offset 4k 0x$(printf %x $((va & 0xfff))) bits 11-0
offset 2m 0x$(printf %x $((va & 0x1fffff))) bits 20-0
EOF
decomposes pae $va "$T/want" "-a with pae: a 2-bit pgd index into the 4-entry PDPT"

va=0xc0a01234
cat >"$T/want" <<EOF
format 2level
va $va
pgd $((va >> 22)) bits 31-22
p4d folded
pud folded
pmd folded
pte $((va >> 12 & 1023)) bits 21-12
offset 4k 0x$(printf %x $((va & 0xfff))) bits 11-0
offset 4m 0x$(printf %x $((va & 0x3fffff))) bits 21-0
EOF
decomposes 2level $va "$T/want" "-a with 2level: two 10-bit indices"

# Hand-made walks, as the module prints them: the walker redoes each from
# its entries alone and must print it back, but for the pid line.
for f in "$D"/*.walk; do
	grep -v '^pid ' "$f" >"$T/want"
	"$SIM/walk" -f "$f" >"$T/got" 2>&1
	same "$T/got" "$T/want" "-f redoes the walk of $(basename "$f")"
done

# access FILE ACCESS WANT DESCRIPTION: what the access does after the walk.
access() {
	is "$("$SIM/walk" -f "$D/$1" -x "$2" 2>&1 | tail -n 1)" "$3" "$4"
}
access 4level-4k.walk user-read "user read -> 0x000000003b2c1123" \
	"a user read of a user page reaches the frame plus the offset"
access 4level-4k.walk user-write \
	"user write -> fault read-only (write to a read-only page)" \
	"a write to a page without rw faults"
access 4level-4k.walk kernel-write \
	"kernel write -> fault read-only (write to a read-only page)" \
	"so does the kernel's: Linux sets CR0.WP"
access 4level-4k.walk user-fetch \
	"user fetch -> fault nx (instruction fetch from an NX page)" \
	"a fetch from a page with nx faults"
access 4level-2m.walk user-read \
	"user read -> fault supervisor (user access to a supervisor page)" \
	"a user read of a kernel page faults"
access 4level-2m.walk kernel-fetch "kernel fetch -> 0x000000000385f008" \
	"the kernel runs its 2m page without nx; the offset has 21 bits"
access 4level-pmd-ro.walk user-write \
	"user write -> fault read-only (write to a read-only page)" \
	"a pmd without rw makes its pte's rw page read-only"
access pae-4k.walk user-write "user write -> 0x0000000123456234" \
	"a PAE PDPT entry has only P, and takes no part in the rights"
access pae-stop.walk kernel-read \
	"kernel read -> fault not-present pmd (no P bit in the pmd)" \
	"pae: a zero pmd entry stops the walk"
access 2level-stop.walk user-read \
	"user read -> fault not-present pte (no P bit in the pte)" \
	"2level: a zero pte stops the walk"
access 2level-4k.walk user-fetch "user fetch -> 0x00fa9123" \
	"2level has no nx bit: every present page can be run"

# A word the walk needs and the file lacks is an error at run time.
grep -v '^pte' "$D/4level-4k.walk" >"$T/short"
"$SIM/walk" -f "$T/short" >"$T/out" 2>"$T/err"
st=$?
[ $st -eq 1 ] && [ ! -s "$T/out" ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
	grep -q 'no word at 0x0000000003b1d008\|no word at 0x3b1d008' "$T/err"
ok $? "-f without the pte's word: exit 1, one line naming its address"
[ $st -eq 1 ] || echo "#   status $st, stderr: $(cat "$T/err")"

# walkfile NAME CONTENTS: a file of the -f format
walkfile() {
	printf '%b' "$2" >"$T/$1"
}
walkfile badfmt 'format 3level\nva 0\ncr3 0\n'
rejects "unknown format '3level'" "-f with a format of no kernel" \
	"$SIM/walk" -f "$T/badfmt"
walkfile short 'format 4level\nva 0x1000\ncr3 0x2000\npgd 0 0x2000\n'
rejects "pgd INDEX ENTRY-PA VALUE" "-f with a level line short of its value" \
	"$SIM/walk" -f "$T/short"
walkfile garbage 'format pae\nva 0x12z4\ncr3 0\n'
rejects "va '0x12z4' is not a number" "-f with a garbage number" \
	"$SIM/walk" -f "$T/garbage"
walkfile flag 'format pae\nva 0\ncr3 0\npgd 0 0x0 0x1001 present shiny\n'
rejects "unknown flag 'shiny'" "-f with a flag that is no x86 bit" \
	"$SIM/walk" -f "$T/flag"
walkfile twice 'format pae\nva 0\ncr3 0\npgd 0 0x0 0x1001 present\n0x0: 0x2001\n'
rejects "two values for the word at 0x0" "-f giving one word two values" \
	"$SIM/walk" -f "$T/twice"
walkfile wide 'format 2level\nva 0\ncr3 0\npgd 0 0x0 0x100000001 present\n'
rejects "does not fit in a 4-byte entry" "-f with a 64-bit value in 2level" \
	"$SIM/walk" -f "$T/wide"
walkfile junk 'format 4level\nva 0\ncr3 0\nhello world\n'
rejects 'unexpected line "hello ..."' "-f with a line of no kind" \
	"$SIM/walk" -f "$T/junk"

rejects "unknown format" "-m 3level" "$SIM/walk" -m 3level -a 0
rejects "not canonical" "a non-canonical VA on 4level" \
	"$SIM/walk" -m 4level -a 0x0000800000000000
rejects "not canonical" "a non-canonical VA on 5level" \
	"$SIM/walk" -m 5level -a 0xfe00000000000000
rejects "32-bit virtual addresses" "a VA beyond 32 bits on 2level" \
	"$SIM/walk" -m 2level -a 0x100000000
rejects "32-bit virtual addresses" "a VA beyond 32 bits on pae" \
	"$SIM/walk" -m pae -a 0x100000000
rejects "not a number" "-a banana" "$SIM/walk" -a banana
rejects "give a number" "-s 1x" "$SIM/walk" -s 1x
rejects "from 1 to 20" "-n 0" "$SIM/walk" -s 1 -n 0
rejects "in steps of 4m" "-p 3m" "$SIM/walk" -s 1 -p 3m
rejects "-c prints the answers" "-c without -s" "$SIM/walk" -m pae -a 0 -c

# Made-up problems: the same seed, the same problem.
for m in 2level pae 4level 5level; do
	"$SIM/walk" -s 7 -m $m -c >"$T/a"
	"$SIM/walk" -s 7 -m $m -c >"$T/b"
	"$SIM/walk" -s 8 -m $m -c >"$T/c"
	cmp -s "$T/a" "$T/b" && ! cmp -s "$T/a" "$T/c"
	ok $? "$m: -s 7 twice gives one problem, -s 8 another"
done
"$SIM/walk" -s 7 -c >"$T/a"
"$SIM/walk" -s 7 >"$T/b"
head -n "$(wc -l <"$T/b")" "$T/a" >"$T/c"
same "$T/c" "$T/b" "without -c, the problem alone: -c only adds the answers"

# consistent FORMAT SEED: every answer of the problem follows from the
# problem's own memory dump.  For each question, a walk file is made of
# the dump, with the format, va and cr3 of the answer; a zero entry that
# stops a walk is not in the dump (only non-zero entries are), so the
# answer's line for it is added, once checked to be missing from the dump.
consistent() {
	"$SIM/walk" -s "$2" -m "$1" -n 8 -c >"$T/p"
	grep '^0x[0-9a-f]*: ' "$T/p" >"$T/mem"
	rm -f "$T"/q.*
	awk -v dir="$T" '
		/^Answers:/ { on = 1; next }
		on && /^ *[0-9]+\. / {
			n++
			q = dir "/q." n
			sub(/^ *[0-9]+\. /, "")
			split($0, w, " ")
			acc = w[1] "-" w[2]
			sub(/ at 0x[0-9a-f]* /, " ")
			print acc > (q ".access")
			print > (q ".outcome")
			next
		}
		on { sub(/^    /, ""); print > (q ".walk") }' "$T/p"
	bad=
	for w in "$T"/q.*.walk; do
		q=${w%.walk}
		head -n 3 "$w" >"$q.in"
		cat "$T/mem" >>"$q.in"
		if grep -q '^stop ' "$w"; then
			stop=$(tail -n 2 "$w" | head -n 1)
			# shellcheck disable=SC2086 # the words of the line
			set -- $stop
			if grep -q "^$3:" "$T/mem"; then
				bad="$bad ${q##*.}(in dump)"
				continue
			fi
			echo "$stop" >>"$q.in"
		fi
		cat "$w" "$q.outcome" >"$q.want"
		"$SIM/walk" -f "$q.in" -x "$(cat "$q.access")" >"$q.got" 2>&1
		cmp -s "$q.got" "$q.want" || bad="$bad ${q##*.}"
	done
	[ -z "$bad" ] && [ -s "$T/q.1.walk" ]
	ok $? "$1 -s $2: each answer is the walk of the printed memory"
	[ -z "$bad" ] || echo "#   questions that differ:$bad"
}
for m in 2level pae 4level 5level; do
	consistent $m 1
	consistent $m 2
done

# Across a few seeds, every outcome a question can have.
for s in 1 2 3 4 5 6 7 8 9 10; do
	"$SIM/walk" -s $s -m 4level -c
done >"$T/all"
for want in "-> 0x" "-> fault not-present pgd" "-> fault not-present pud" \
	"-> fault not-present pmd" "-> fault not-present pte" \
	"-> fault supervisor" "-> fault read-only" "-> fault nx" \
	"page 2m" "page 1g"; do
	grep -q -- "$want" "$T/all"
	ok $? "4level -s 1 to 10: some answer has \"$want\""
done
