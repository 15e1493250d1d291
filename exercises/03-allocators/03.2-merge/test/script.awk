# Exercise 03.2: a random script for the buddy simulator, the same for the
# same seed (on one machine: awk's rand() is its own).
#   awk -v seed=N -v kind=drain|mixed -f script.awk
# drain: allocations, then every block freed in a random order, so that
# the pfns the allocations get do not depend on where a free puts its
# block; mixed: allocations and frees in any order.  The zones start and
# end at pfns of any alignment, one Normal zone or DMA below Normal, big
# enough now and then to reach order 10, where merging stops.
function pick(n) { return int(rand() * n) }
function order() {
	r = pick(100)
	if (r < 45) return 0
	if (r < 65) return 1
	if (r < 78) return 2
	if (r < 88) return 3
	if (r < 96) return 4 + pick(4)
	return 8 + pick(3)
}
BEGIN {
	srand(seed)
	big = pick(4) == 0
	start = 4096 + pick(64)
	print "# awk -v seed=" seed " -v kind=" kind " -f script.awk"
	if (pick(3) == 0) {
		dma = 8 + pick(120)
		printf "zone DMA 0x%x %d\n", start, dma
		start += dma
	}
	printf "zone Normal 0x%x %d\n", start, big ? 2048 + pick(4096) : 16 + pick(500)
	steps = 20 + pick(60)
	for (i = 0; i < steps; i++) {
		if (kind == "mixed" && nlive && pick(100) < 45) {
			k = pick(nlive)
			print "free " live[k]
			live[k] = live[--nlive]
			continue
		}
		id = "b" i
		printf "alloc %s %d%s\n", id, order(), dma && pick(5) == 0 ? " DMA" : ""
		live[nlive++] = id
	}
	if (kind == "mixed")
		print "show"
	while (nlive) {
		k = pick(nlive)
		print "free " live[k]
		live[k] = live[--nlive]
	}
	print "show"
	print "lists"
}
