# data: book/test/mini/figures/03-beta/plot.dat
set xlabel "order"
set ylabel "pages"
plot "book/test/mini/figures/03-beta/plot.dat" with linespoints title "2^order"
