# Turns three captures from the layout suite into gnuplot commands for
# vmas.gp: the mm_struct fields (mm.txt), the VMAs with their vm_flags as
# the layout module lists them (vmas.txt), and /proc/PID/maps (maps.txt).
#
#   awk -f vmas.awk mm.txt vmas.txt maps.txt
#
# One row per VMA, lowest address at the bottom; a thinner row for each
# unmapped gap, from address 0 up to task_size.  Each mm_struct field that
# holds an address is written beside the row it points into.

function short(s) {
	sub(/^0x0*/, "0x", s)
	return s == "0x" ? "0x0" : s
}

function human(n,    u, i) {
	split("B KiB MiB GiB TiB", u, " ")
	for (i = 1; n >= 1024 && i < 5; i++)
		n /= 1024
	return sprintf("%.3g %s", n, u[i])
}

FNR == 1 && /^\$ / {
	if (FILENAME ~ /maps\.txt$/)
		pid = $3
	next
}

FILENAME ~ /mm\.txt$/ { mm[$1] = $2; next }

FILENAME ~ /vmas\.txt$/ {
	f = $4
	sub(/^flags=/, "", f)
	flags[++nv] = f
	next
}

FILENAME ~ /maps\.txt$/ {
	split($1, r, "-")
	n++
	lo[n] = hex(r[1])
	hi[n] = hex(r[2])
	perm[n] = $2
	name[n] = NF >= 6 ? $6 : ""
	line = $0
	gsub(/ +/, " ", line)
	sub(/ $/, "", line)
	text[n] = line
}

function row(kind, a, b, h, k) {
	rows++
	rkind[rows] = kind
	rlo[rows] = a
	rhi[rows] = b
	rk[rows] = k
	ry[rows] = y
	rh[rows] = h
	y += h
}

function colour(k) {
	if (name[k] == "[heap]" || name[k] == "")
		return "#cfe2f3"
	if (name[k] == "[stack]")
		return "#d9d2e9"
	if (name[k] ~ /^\[/)
		return "#ea9999"
	if (perm[k] ~ /x/)
		return "#f9cb9c"
	if (perm[k] ~ /w/)
		return "#b6d7a8"
	return "#ffe599"
}

END {
	if (n == 0 || n != nv) {
		print "vmas.awk: maps.txt and vmas.txt do not list the same VMAs" > "/dev/stderr"
		exit 1
	}
	top = hex(mm["task_size"])
	y = 0
	prev = 0
	for (k = 1; k <= n; k++) {
		if (lo[k] > prev)
			row("gap", prev, lo[k], 0.55, 0)
		row("vma", lo[k], hi[k], 1, k)
		prev = hi[k]
	}
	if (top > prev)
		row("gap", prev, top, 0.55, 0)

	# Which row each field points into.  An end (end_code, brk) is the
	# first byte after what it ends, which may be the end of a VMA.
	split("start_code end_code start_data end_data start_brk brk start_stack mmap_base", fields, " ")
	for (i = 1; i in fields; i++) {
		a = hex(mm[fields[i]])
		isend = fields[i] ~ /^(end_|brk)/
		hit = 0
		for (j = 1; j <= rows && !hit; j++)
			if (rkind[j] == "vma" && (isend ? a > rlo[j] && a <= rhi[j] : a >= rlo[j] && a < rhi[j]))
				hit = j
		for (j = 1; j <= rows && !hit; j++)
			if (rkind[j] == "gap" && a >= rlo[j] && a < rhi[j])
				hit = j
		if (hit)
			note[hit] = note[hit] (note[hit] == "" ? "" : "\n") fields[i] " " short(mm[fields[i]])
	}

	print "set xrange [0:10]"
	printf "set yrange [-0.2:%f]\n", y + 1.0
	o = 0
	for (j = 1; j <= rows; j++) {
		mid = ry[j] + rh[j] / 2
		if (rkind[j] == "vma") {
			k = rk[j]
			printf "set object %d rect from 2.75,%f to 4.25,%f fc rgb %s fs solid 1.0 border lc rgb 'black'\n",
				++o, ry[j], ry[j] + rh[j], q(colour(k))
			printf "set label %d %s at 3.5,%f center font 'DejaVu Sans Mono,8'\n",
				++o, q(flags[k]), mid
			printf "set label %d %s at 4.45,%f left font 'DejaVu Sans Mono,8'\n",
				++o, q(text[k]), mid
		} else {
			printf "set object %d rect from 2.75,%f to 4.25,%f fc rgb 'white' fs empty border lc rgb 'gray' dt 2\n",
				++o, ry[j], ry[j] + rh[j]
			printf "set label %d %s at 4.45,%f left font ',8' tc rgb '#666666'\n",
				++o, q(human(rhi[j] - rlo[j]) " not mapped"), mid
		}
		if (note[j] != "") {
			gsub(/\n/, "\\n", note[j])
			printf "set label %d \"%s\" at 2.55,%f right font 'DejaVu Sans Mono,8'\n",
				++o, note[j], mid
			printf "set arrow %d from 2.6,%f to 2.75,%f head size 0.08,25 lc rgb 'black'\n",
				++o, mid, mid
		}
	}
	printf "set label %d 'mm_struct' at 2.55,%f right font ',9'\n", ++o, y + 0.5
	printf "set label %d 'VMA: vm_flags' at 3.5,%f center font ',9'\n", ++o, y + 0.5
	printf "set label %d %s at 4.45,%f left font ',9'\n", ++o, q(pid), y + 0.5
}
