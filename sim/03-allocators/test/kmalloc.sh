# The kmalloc size-class calculator against the rules of Linux 6.1 (SLUB,
# x86, 4 KiB pages), written out again here in awk: kmalloc-8 up to 8
# bytes, the 96 and 192 caches for 65-96 and 129-192, powers of two up to
# 8 KiB, then 2^order pages up to order 10 (4 MiB), NULL above.
. sim/lib/tap.sh
plan 26

RULES='
function pow2(n,  p) { p = 8; while (p < n) p *= 2; return p }
function bucket(n) {
	if (n <= 8) return 8
	if (n > 64 && n <= 96) return 96
	if (n > 128 && n <= 192) return 192
	return pow2(n)
}
function order(n,  pages, o) {
	pages = int((n + 4095) / 4096); o = 0
	while (2 ^ o < pages) o++
	return o
}
function short(b) { return b >= 1024 ? b / 1024 "k" : b }
function line(n, prefix,  b, o) {
	if (n == 0) return n ": ZERO_SIZE_PTR, nothing allocated"
	if (n > 8192) {
		o = order(n)
		if (o > 10) return n ": NULL, order " o " >= MAX_ORDER: the page allocator warns and fails"
		b = 4096 * 2 ^ o
		return sprintf("%d: large, order %d, %d pages, %d byte%s wasted", n, o, 2 ^ o, b - n, b - n == 1 ? "" : "s")
	}
	b = bucket(n)
	return sprintf("%d: %s%s, %d byte%s wasted", n, prefix, short(b), b - n, b - n == 1 ? "" : "s")
}
function ksize(n) {
	if (n == 0) return 0
	if (n > 8192) return order(n) > 10 ? 0 : 4096 * 2 ^ order(n)
	return bucket(n)
}'

SIZES='0 1 7 8 9 16 17 32 33 64 65 95 96 97 128 129 191 192 193 256 257 512 513 1024 1025 2048 2049 4096 4097 8191 8192 8193 12288 16384 16385 32769 1048576 2097152 2097153 4194303 4194304 4194305 8388608'
# shellcheck disable=SC2086
"$SIM/kmalloc" $SIZES >"$T/got"
for n in $SIZES; do
	awk -v n="$n" "$RULES"' BEGIN { print line(n, "kmalloc-") }'
done >"$T/want"
same "$T/got" "$T/want" "every cache edge, 0 and 4 MiB + 1, against the rules"

"$SIM/kmalloc" -r 1 8192 >"$T/got"
awk "$RULES"' BEGIN { for (n = 1; n <= 8192; n++) print n, ksize(n) }' >"$T/want"
same "$T/got" "$T/want" "-r 1 8192: every size against the rules"
"$SIM/kmalloc" -r 4194300 4194310 >"$T/got"
awk "$RULES"' BEGIN { for (n = 4194300; n <= 4194310; n++) print n, ksize(n) }' >"$T/want"
same "$T/got" "$T/want" "-r around 4 MiB: the last large size, then 0 for NULL"
is "$("$SIM/kmalloc" -r 0 0)" "0 0" "-r 0 0: ksize(ZERO_SIZE_PTR) is 0"

for g in 'GFP_KERNEL:kmalloc-' 'GFP_ATOMIC:kmalloc-' 'GFP_KERNEL_ACCOUNT:kmalloc-cg-' \
	'GFP_KERNEL|__GFP_RECLAIMABLE:kmalloc-rcl-' 'GFP_DMA:dma-kmalloc-' \
	'GFP_KERNEL|__GFP_ACCOUNT|__GFP_RECLAIMABLE:kmalloc-rcl-' \
	'GFP_DMA|__GFP_RECLAIMABLE|__GFP_ACCOUNT:dma-kmalloc-'; do
	flags=${g%%:*} prefix=${g#*:}
	"$SIM/kmalloc" -g "$flags" 200 1000 >"$T/got"
	awk -v p="$prefix" "$RULES"' BEGIN { print line(200, p); print line(1000, p) }' >"$T/want"
	same "$T/got" "$T/want" "-g $flags: the $prefix caches"
done
is "$("$SIM/kmalloc" -g GFP_DMA 20000)" "$("$SIM/kmalloc" 20000)" \
	"-g GFP_DMA above 8 KiB: pages, the same order"

# The table: its rows follow each other, and the first and last size of
# each row go where kmalloc SIZE says.
"$SIM/kmalloc" -t >"$T/table"
is "$(awk 'NR > 1 && $1 ~ /-[0-9]/ { split($1, r, "-"); if (r[1] != next_first) bad++; next_first = r[2] + 1 }
	END { print bad + 0, next_first }' next_first=1 "$T/table")" "0 4194305" \
	"-t: the rows cover 1 to 4 MiB without gap or overlap"
ok_rows=0 rows=0
while read -r range what rest; do
	case $range in *-[0-9]*) ;; *) continue ;; esac
	rows=$((rows + 1))
	first=${range%-*} last=${range#*-}
	a=$("$SIM/kmalloc" "$first" | sed 's/^[0-9]*: //; s/, [0-9]* bytes* wasted//; s/, [0-9]* pages//')
	b=$("$SIM/kmalloc" "$last" | sed 's/^[0-9]*: //; s/, [0-9]* bytes* wasted//; s/, [0-9]* pages//')
	row=$(echo "$what $rest" | awk '{ if ($1 == "large,") print $1, $2, $3; else print $1 }')
	[ "$a" = "$row" ] && [ "$b" = "$row" ] && ok_rows=$((ok_rows + 1))
done <"$T/table"
is "$ok_rows/$rows" "22/22" "-t: each row's first and last sizes go to its cache or order"

"$SIM/kmalloc" -s 7 >"$T/a"
"$SIM/kmalloc" -s 7 >"$T/b"
same "$T/a" "$T/b" "-s 7 makes up the same calls twice"
"$SIM/kmalloc" -s 8 >"$T/b"
! cmp -s "$T/a" "$T/b"
ok $? "-s 8 makes up other calls"
"$SIM/kmalloc" -s 7 -c >"$T/c"
sed -n 's/^kmalloc(\([0-9]*\), \(.*\))$/\1 \2/p' "$T/c" | while read -r size flags; do
	"$SIM/kmalloc" -g "$flags" "$size"
done >"$T/want"
sed -n 's/^  //p' "$T/c" >"$T/got"
same "$T/got" "$T/want" "-s 7 -c: each answer is what kmalloc -g FLAGS SIZE prints"

rejects "bad size '12q'" "a size that is no size" "$SIM/kmalloc" 100 12q
rejects "bad size '-5'" "a negative size" "$SIM/kmalloc" -- -5
rejects "unknown GFP flag 'GFP_KERNAL'" "a misspelt flag" "$SIM/kmalloc" -g GFP_KERNAL 100
rejects "GFP_SLAB_BUG_MASK" "GFP_DMA32, which kmalloc() does not take" "$SIM/kmalloc" -g GFP_DMA32 100
rejects "FROM is above TO" "-r with FROM above TO" "$SIM/kmalloc" -r 10 5
rejects "-c goes with -s" "-c without -s" "$SIM/kmalloc" -c 100
rejects "give at least one SIZE" "no size" "$SIM/kmalloc"
rejects "-t prints every size" "-t with a size" "$SIM/kmalloc" -t 100
rejects "unknown option -x" "an unknown option" "$SIM/kmalloc" -x
