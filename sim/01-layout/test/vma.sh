# The VMA simulator on the host: every golden script (whose output the VM
# suite modules/01-layout/test/vma.sh proves is what Linux 6.1 does), its
# made-up problems, and its refusals of bad input.
. sim/lib/tap.sh
set -- sim/01-layout/test/golden/*.vma
plan $(($# + 9))

for script; do
	"$SIM/vma" -f "$script" >"$T/out" 2>&1
	same "$T/out" "${script%.vma}.out" "golden ${script##*/}"
done

"$SIM/vma" -s 5 >"$T/a"
"$SIM/vma" -s 5 >"$T/b"
same "$T/a" "$T/b" "-s 5 makes up the same problem twice"
"$SIM/vma" -s 6 >"$T/b"
! cmp -s "$T/a" "$T/b"
ok $? "-s 6 makes up another one"
# The answer of -c is what running the problem as a script prints.
"$SIM/vma" -s 5 | "$SIM/vma" -f - >"$T/b"
"$SIM/vma" -s 5 -c | tail -n "$(wc -l <"$T/b")" >"$T/a"
same "$T/a" "$T/b" "-s 5 -c answers with what -f prints for the problem"

printf 'window 0x10000000 0x10100000\nmmap - 4q rw-\n' >"$T/bad"
rejects "bad length '4q'" "a length that is not a size" "$SIM/vma" -f "$T/bad"
printf 'window 0x10000000 0x10100000\nmmap - 4k rwz\n' >"$T/bad"
rejects "bad protection" "a protection that is not rwx" "$SIM/vma" -f "$T/bad"
printf 'mmap - 4k rw-\n' >"$T/bad"
rejects "window" "a script that does not start with its window" "$SIM/vma" -f "$T/bad"
printf 'window 0x10000000 0x10100000\nfrobnicate\n' >"$T/bad"
rejects "frobnicate" "an unknown operation" "$SIM/vma" -f "$T/bad"
rejects "No such file" "a missing script" "$SIM/vma" -f "$T/missing"
rejects "unknown option" "an unknown option" "$SIM/vma" -x
