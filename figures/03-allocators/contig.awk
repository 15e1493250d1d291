# Turns two captures of the amd64 kernel into gnuplot commands for
# contig.gp: a kmalloc() of 16 KiB, page by page (the kmalloc module's
# contig file), and the first pages of a vmalloc() of 1 MiB (the vmalloc
# module's pages file).
#
#   awk -f contig.awk contig-16k.txt vmalloc-1m.txt
#
# Each side: the buffer's pages in virtual address order on the left, the
# page frames behind them on the right, placed by pfn over the range of
# RAM they span, and a line from each page to its frame.  kmalloc's lines
# run straight across; vmalloc's cross.

# 0xffff888006168000 -> ...06168000: the part that changes.
function tail(s) {
	sub(/^0x/, "", s)
	return "..." substr(s, length(s) - 7)
}

FNR == 1 && /^\$ / { next }

FILENAME ~ /contig/ && /^kmalloc\(/ { ktitle = $1; next }
FILENAME ~ /contig/ && $1 ~ /^0x/ {
	nk++
	kvirt[nk] = $1
	kpfn[nk] = hex($2) / 4096
	next
}
FILENAME ~ /vmalloc/ && /^vmalloc\(/ { vtitle = $1; next }
FILENAME ~ /vmalloc/ && $1 ~ /^[0-9]+$/ {
	nv++
	vvirt[nv] = $2
	vpfn[nv] = hex($3)
	next
}

# side X0 N VIRT PFN TITLE: one buffer, its pages from the top down.
function side(x0, n, virt, pfn, title,    i, lo, hi, span, scale, y, py, ph) {
	lo = hi = pfn[1]
	for (i = 2; i <= n; i++) {
		if (pfn[i] < lo)
			lo = pfn[i]
		if (pfn[i] > hi)
			hi = pfn[i]
	}
	span = hi - lo + 1
	# The frames' column is as tall as the pages' column, or less.
	scale = span > n ? n / span : 1
	printf "set label %d %s at %f,%f center font ',10'\n", ++o, q(title), x0 + 2.1, top + 1.3
	printf "set label %d 'virtual pages' at %f,%f center font ',9'\n", ++o, x0 + 0.5, top + 0.6
	printf "set label %d 'page frames' at %f,%f center font ',9'\n", ++o, x0 + 3.7, top + 0.6
	# the stretch of RAM the frames lie in
	printf "set object %d rect from %f,%f to %f,%f fc rgb '#f3f3f3' fs solid 1.0 border lc rgb '#999999'\n",
		++o, x0 + 3.2, top - span * scale, x0 + 4.2, top
	printf "set label %d %s at %f,%f center font 'DejaVu Sans Mono,8'\n",
		++o, q(sprintf("pfn 0x%x", lo)), x0 + 3.7, top + 0.2
	printf "set label %d %s at %f,%f center font 'DejaVu Sans Mono,8'\n",
		++o, q(sprintf("pfn 0x%x", hi)), x0 + 3.7, top - span * scale - 0.25
	for (i = 1; i <= n; i++) {
		y = top - i
		printf "set object %d rect from %f,%f to %f,%f fc rgb '#cfe2f3' fs solid 1.0 border lc rgb 'black'\n",
			++o, x0, y, x0 + 1, y + 1
		printf "set label %d %s at %f,%f center font 'DejaVu Sans Mono,7'\n",
			++o, q(tail(virt[i])), x0 + 0.5, y + 0.5
		ph = scale
		py = top - (pfn[i] - lo + 1) * scale
		printf "set object %d rect from %f,%f to %f,%f fc rgb '#f9cb9c' fs solid 1.0 border lc rgb 'black'\n",
			++o, x0 + 3.2, py, x0 + 4.2, py + ph
		printf "set arrow %d from %f,%f to %f,%f nohead lc rgb '#444444'\n",
			++o, x0 + 1, y + 0.5, x0 + 3.2, py + ph / 2
		printf "set label %d %s at %f,%f left font 'DejaVu Sans Mono,7'\n",
			++o, q(sprintf("0x%x", pfn[i])), x0 + 4.3, py + ph / 2
	}
}

END {
	if (nk == 0 || nv == 0) {
		print "contig.awk: a capture is missing its pages" > "/dev/stderr"
		exit 1
	}
	top = nv
	print "set xrange [-0.2:11.6]"
	printf "set yrange [-0.6:%f]\n", top + 1.8
	side(0, nk, kvirt, kpfn, ktitle)
	side(6.2, nv, vvirt, vpfn, vtitle)
}
