# Exercise 01.2: the student's vma (built with their vma-merge.h, in $SIM)
# against the golden outputs, which the VM suite modules/01-layout/test/vma.sh
# proves are what Linux 6.1 prints, and against the reference simulator on
# made-up scripts.  One TAP line per test id of the manifest.
. sim/lib/tap.sh
golden=sim/01-layout/test/golden
ref=${REF:-build/sim/01-layout}
plan 5

# vma ARGS...: the student's vma, unless a signal (the CPU-time limit, a
# crash) has already killed it once: then every later run fails at once,
# so that a program that loops costs the grader one time limit, not nine.
killed=
vma() {
	if [ -n "$killed" ]; then
		echo "not run: vma was killed by signal $killed before"
		return 1
	fi
	"$SIM/vma" "$@"
	vst=$?
	[ $vst -gt 128 ] && [ $vst -ne 99 ] && killed=$((vst - 128))
	return $vst
}

# scripts ID DESCRIPTION NAME...: one test over several golden scripts;
# the first difference follows the test's line.
scripts() {
	id=$1 desc=$2 st=0
	shift 2
	: >"$T/why"
	for name; do
		vma -f "$golden/$name.vma" >"$T/out" 2>&1
		if ! cmp -s "$T/out" "$golden/$name.out"; then
			[ $st -eq 0 ] && {
				echo "# $name.vma:"
				diff -u "$golden/$name.out" "$T/out" | head -n 20 | sed 's/^/#   /'
			} >"$T/why"
			st=1
		fi
	done
	ok $st "$id: $desc"
	cat "$T/why"
}

scripts mprotect "mprotect() joins the VMA to its neighbours" merge split
scripts account "VM_ACCOUNT is a flag like the others" account
scripts anon-vma "written pages keep VMAs apart, as in the kernel" \
	anon-vma-mmap anon-vma-reuse anon-vma-unfaulted
scripts unchanged "mmap() and munmap() still place and merge as before" \
	fill-hole munmap noreplace

st=0
: >"$T/why"
for seed in $(seq 1 200); do
	"$ref/vma" -s "$seed" >"$T/script"
	"$ref/vma" -f "$T/script" >"$T/want" 2>&1
	vma -f "$T/script" >"$T/got" 2>&1
	if ! cmp -s "$T/got" "$T/want"; then
		{
			echo "# vma -s $seed differs from the reference; see it with:"
			echo "#   $ref/vma -s $seed -c"
			diff -u "$T/want" "$T/got" | head -n 20 | sed 's/^/#   /'
		} >"$T/why"
		st=1
		break
	fi
done
ok $st "random: 200 made-up scripts print what the reference prints"
cat "$T/why"
