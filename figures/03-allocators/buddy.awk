# Turns a run of the buddy simulator with -v, whose script starts with a
# zone and a "lists" line, into gnuplot commands for buddy.gp:
#
#   awk '1; /^zone / { print "lists" }' SCRIPT.bud | buddy -v -f - | awk -f buddy.awk
#
# One row per step of the script, the first at the top: the zone's pages
# from left to right, each free block drawn as a box labelled with its
# order, each allocated block as a box labelled with its ID.  On the left,
# the call and what it cost: the splits of an allocation, the merges of a
# free.  The state is rebuilt from the simulator's own trace (take, split,
# merge, put), so the figure shows what the allocator did, not a copy of it.

# The state after the step just finished becomes a row, with what it cost.
function snapshot(    p, c) {
	if (label == "")
		return
	c = cost
	if (took != "")
		c = "took a block of order " took
	if (nsplit)
		c = c ", split it " nsplit " time" (nsplit > 1 ? "s" : "")
	if (nmerge)
		c = nmerge " merge" (nmerge > 1 ? "s" : "") ", then"
	if (put != "")
		c = (nmerge ? c " " : "") put
	rows++
	rlabel[rows] = label
	rcost[rows] = c
	for (p in freeo)
		rfree[rows, p] = freeo[p]
	for (p in used)
		rused[rows, p] = used[p] SUBSEP usedo[p]
	label = cost = took = put = ""
	nsplit = nmerge = 0
}

/^zone [A-Za-z0-9]+: pfn / {
	split($4, range, "-")
	sub(/,$/, "", range[2])
	base = hex(range[1])
	npages = hex(range[2]) - base + 1
	zone = $2
	sub(/:$/, "", zone)
	label = "zone " zone ", " npages " pages"
	cost = "as boot frees it"
	next
}

# The free lists at the start: "Normal free_area[4]: 0x1000 ..."
/ free_area\[[0-9]+\]:/ && !started {
	o = $2
	gsub(/[^0-9]/, "", o)
	for (i = 3; i <= NF; i++)
		freeo[hex($i) - base] = o + 0
	next
}

$1 == "lists" && !started { next }

/^alloc / && / -> / {
	snapshot()
	started = 1
	label = $1 " " $2 " " $3
	if ($5 == "failed") {
		cost = "failed"
		next
	}
	p = hex($5) - base
	used[p] = $2
	usedo[p] = $3 + 0
	next
}

/^free / && / -> / {
	snapshot()
	started = 1
	label = $1 " " $2
	p = hex($4) - base
	delete used[p]
	delete usedo[p]
	next
}

$1 == "take" {
	delete freeo[hex($2) - base]
	took = $4
	next
}

$1 == "split" {
	# split P order O -> P + Q order O-1: Q becomes free
	freeo[hex($8) - base] = $10 + 0
	nsplit++
	next
}

$1 == "merge" {
	# merge P + buddy B order O -> C order O+1: B leaves its list
	delete freeo[hex($5) - base]
	nmerge++
	next
}

$1 == "put" {
	freeo[hex($2) - base] = $4 + 0
	put = "order " $4 " to the " $5 " of its list"
	next
}

/^[a-z]/ { snapshot() }

END {
	snapshot()
	if (rows == 0 || npages == 0) {
		print "buddy.awk: no zone or no step in the input" > "/dev/stderr"
		exit 1
	}
	h = 1.0
	printf "set xrange [-11:%f]\n", npages + 0.5
	printf "set yrange [-0.3:%f]\n", rows * h + 0.9
	o = 0
	for (p = 0; p < npages; p += 4)
		printf "set label %d %s at %f,%f center font 'DejaVu Sans Mono,8'\n",
			++o, q(sprintf("0x%x", base + p)), p + 0.5, rows * h + 0.45
	for (r = 1; r <= rows; r++) {
		y = (rows - r) * h
		for (p = 0; p < npages; p++) {
			if ((r, p) in rfree) {
				k = rfree[r, p]
				printf "set object %d rect from %f,%f to %f,%f fc rgb '#d9ead3' fs solid 1.0 border lc rgb 'black'\n",
					++o, p, y + 0.1, p + 2 ^ k, y + 0.8
				printf "set label %d %s at %f,%f center font ',8'\n",
					++o, q((2 ^ k >= 2 ? "free " : "") k), p + 2 ^ k / 2, y + 0.45
			}
			if ((r, p) in rused) {
				split(rused[r, p], u, SUBSEP)
				printf "set object %d rect from %f,%f to %f,%f fc rgb '#f9cb9c' fs solid 1.0 border lc rgb 'black'\n",
					++o, p, y + 0.1, p + 2 ^ u[2], y + 0.8
				printf "set label %d %s at %f,%f center font ',9'\n",
					++o, q(u[1]), p + 2 ^ u[2] / 2, y + 0.45
			}
		}
		printf "set label %d %s at -0.4,%f right font 'DejaVu Sans Mono,9'\n",
			++o, q(rlabel[r]), y + 0.6
		if (rcost[r] != "")
			printf "set label %d %s at -0.4,%f right font ',8' tc rgb '#555555'\n",
				++o, q(rcost[r]), y + 0.25
	}
}
