#!/bin/sh
# Print the make rules for every boot of every suite file given: one boot per
# target in its "# targets:" header (default both) and per memory size in
# its "# mem:" header.  A suite whose header says "# expect: REASON" is a
# fixture that must fail: its check passes only if the runner's verdict
# names REASON.
for suite in "$@"; do
	unitdir=${suite%/test/*}
	unit=${unitdir##*/}
	name=$(basename "$suite" .sh)
	targets=$(sed -n 's/^# targets: *//p' "$suite")
	mems=$(sed -n 's/^# mem: *//p' "$suite")
	expect=$(sed -n 's/^# expect: *//p' "$suite")
	for t in ${targets:-amd64 i386}; do
		case $mems in
		*" "*) variants=$mems ;;
		*) variants=- ;;
		esac
		for m in $variants; do
			m=${m#-}
			run=\$\(B\)/vm/run/$t/$unit/$name${m:+-$m}
			check=\$\(B\)/check/vm-$t-$unit-$name${m:+-$m}.tap
			cat <<RULES
$run/result.tap: $suite \$(B)/vm/$t/$unit.cpio \$(B)/kernels/$t/.abi vm/run.sh
	@echo "  VM      $t $unit/$name $m"
	@vm/run.sh $t $unit/$name $suite $run \$(B)/capture/$t/$unit $m
CHECKS += $check
RULES
			printf 'VM_RESULTS += %s\n' "$run/result.tap"
			if [ -n "$expect" ]; then
				printf '%s: %s FORCE\n\t@vm/expect.sh %s "%s" >$@\n' \
					"$check" "$run/result.tap" "$run/result.tap" "$expect"
			else
				printf '%s: %s FORCE\n\t@mkdir -p $(@D) && cp %s $@\n' \
					"$check" "$run/result.tap" "$run/result.tap"
			fi
		done
	done
done
