# Turns a page-table walk, in the format of the mmu module's walk file and
# of the walk simulator, into gnuplot commands for walk.gp:
#
#   awk -f walk.awk WALK.txt
#
# At the top, the virtual address cut into the slices that index each
# level, each slice in its level's colour.  Below, one row per level, from
# the top: the level's table drawn as a strip of all its entries, the
# entry the walk read marked at its place, with the entry's physical
# address, raw value and flags beside it; an arrow from each entry to the
# table (or page) it points to.  A folded level is a grey line of text.
# Transcript lines ("$ cat ...") and anything the format does not know
# are skipped, so a capture can be fed as it is.

BEGIN {
	colour["pgd"] = "#f9cb9c"
	colour["p4d"] = "#ffe599"
	colour["pud"] = "#b6d7a8"
	colour["pmd"] = "#a4c2f4"
	colour["pte"] = "#d5a6bd"
	colour["page"] = "#e0e0e0"
}

$1 == "format" { format = $2; next }
$1 == "va" { va = $2; next }
$1 == "cr3" { cr3 = $2; next }
$1 == "page" { page = $2; next }
$1 == "pa" { pa = $2; next }
$1 == "stop" { stop = $2; next }
$1 ~ /^(pgd|p4d|pud|pmd|pte)$/ {
	n++
	lvl[n] = $1
	if ($2 == "folded") {
		folded[n] = 1
		next
	}
	idx[n] = $2
	where[n] = $3
	val[n] = $4
	fl = ""
	for (i = 5; i <= NF; i++)
		fl = fl (fl == "" ? "" : " ") $i
	flags[n] = fl
}

END {
	if (format == "" || va == "" || cr3 == "" || n == 0) {
		print "walk.awk: no walk in the input (format, va, cr3 and levels)" > "/dev/stderr"
		exit 1
	}
	# Where each level's slice starts (its shift), its width in bits and
	# the number of entries in its table, format by format.
	if (format == "2level") {
		vabits = 32
		shift["pgd"] = 22; bits["pgd"] = 10
		shift["pte"] = 12; bits["pte"] = 10
	} else if (format == "pae") {
		vabits = 32
		shift["pgd"] = 30; bits["pgd"] = 2
		shift["pmd"] = 21; bits["pmd"] = 9
		shift["pte"] = 12; bits["pte"] = 9
	} else if (format == "4level" || format == "5level") {
		vabits = format == "4level" ? 48 : 57
		shift["pgd"] = format == "4level" ? 39 : 48; bits["pgd"] = 9
		if (format == "5level") {
			shift["p4d"] = 39; bits["p4d"] = 9
		}
		shift["pud"] = 30; bits["pud"] = 9
		shift["pmd"] = 21; bits["pmd"] = 9
		shift["pte"] = 12; bits["pte"] = 9
	} else {
		print "walk.awk: unknown format " format > "/dev/stderr"
		exit 1
	}
	# The offset is what lies below the last level the walk used.
	offbits = page == "1g" ? 30 : page == "2m" ? 21 : page == "4m" ? 22 : 12

	for (i = 1; i <= n; i++)
		height += folded[i] ? 5 : 10
	top = height + 36
	print "set xrange [0:100]"
	printf "set yrange [0:%d]\n", top
	o = 0

	# The address bar: 100 units for vabits bits, most significant left.
	printf "set label %d %s at 0,%f left font 'DejaVu Sans Mono,10'\n",
		++o, q("va " va " (" format ")"), top - 2
	ybar = top - 13
	x = 0
	for (i = 1; i <= n; i++) {
		l = lvl[i]
		if (folded[i] || !(l in bits))
			continue
		if (shift[l] < offbits)
			continue
		w = bits[l] * 100 / vabits
		printf "set object %d rect from %f,%f to %f,%f fc rgb %s fs solid 1.0 border lc rgb 'black'\n",
			++o, x, ybar, x + w, ybar + 6, q(colour[l])
		printf "set label %d %s at %f,%f center font 'DejaVu Sans Mono,9'\n",
			++o, q(l " " idx[i]), x + w / 2, ybar + 3
		printf "set label %d %s at %f,%f center font ',7' tc rgb '#555555'\n",
			++o, q((shift[l] + bits[l] - 1) "-" shift[l]), x + w / 2, ybar + 8
		x += w
	}
	w = 100 - x
	if (page != "") {
		off = sprintf("0x%x", hex(substr(va, length(va) - 7)) % (2 ^ offbits))
		printf "set object %d rect from %f,%f to %f,%f fc rgb %s fs solid 1.0 border lc rgb 'black'\n",
			++o, x, ybar, 100, ybar + 6, q(colour["page"])
		printf "set label %d %s at %f,%f center font 'DejaVu Sans Mono,9'\n",
			++o, q("offset " off), x + w / 2, ybar + 3
		printf "set label %d %s at %f,%f center font ',7' tc rgb '#555555'\n",
			++o, q((offbits - 1) "-0"), x + w / 2, ybar + 8
	}

	# One row per level; the strip of a table spans x 0 to 30.
	y = ybar - 8
	printf "set label %d %s at 0,%f left font 'DejaVu Sans Mono,9'\n",
		++o, q("cr3 " cr3), y
	prevx = 3
	prevy = y - 1.5
	for (i = 1; i <= n; i++) {
		l = lvl[i]
		y -= 10
		if (folded[i]) {
			printf "set label %d %s at 32,%f left font ',9' tc rgb '#888888'\n",
				++o, q(l " folded: the entry above, seen as a " l "_t"), y + 3
			y += 5
			continue
		}
		entries = 2 ^ bits[l]
		printf "set object %d rect from 0,%f to 30,%f fc rgb %s fs solid 0.35 border lc rgb 'black'\n",
			++o, y, y + 4, q(colour[l])
		ex = 30 * (idx[i] + 0.5) / entries
		printf "set object %d rect from %f,%f to %f,%f fc rgb %s fs solid 1.0 border lc rgb 'black'\n",
			++o, ex - 0.6, y - 0.6, ex + 0.6, y + 4.6, q(colour[l])
		printf "set arrow %d from %f,%f to 0,%f head size 1,20 lc rgb 'black'\n",
			++o, prevx, prevy, y + 4
		printf "set label %d %s at 32,%f left font 'DejaVu Sans Mono,8'\n",
			++o, q(l " " idx[i] " of " entries ", at " where[i]), y + 3
		printf "set label %d %s at 32,%f left font 'DejaVu Sans Mono,8'\n",
			++o, q("= " val[i] " " flags[i]), y
		prevx = ex
		prevy = y - 0.6
	}
	y -= 10
	if (page != "") {
		printf "set object %d rect from 0,%f to 30,%f fc rgb %s fs solid 1.0 border lc rgb 'black'\n",
			++o, y, y + 4, q(colour["page"])
		printf "set arrow %d from %f,%f to 0,%f head size 1,20 lc rgb 'black'\n",
			++o, prevx, prevy, y + 4
		printf "set label %d %s at 15,%f center font ',9'\n", ++o, q(page " page"), y + 2
		printf "set label %d %s at 32,%f left font 'DejaVu Sans Mono,9'\n", ++o, q("pa " pa), y + 2
	} else if (stop != "") {
		printf "set label %d %s at 32,%f left font ',9'\n", ++o,
			q("the walk stops: " stop " entry not present"), y + 4
	}
}
