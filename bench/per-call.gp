# SPDX-License-Identifier: GPL-2.0
# per-call.gp - the per-call figures as two bar charts, ns and cycles.
#
#	gnuplot -e "data='DATA'; out='PNG'; subtitle='TEXT'" bench/per-call.gp
#
# DATA has a line a variant: "LABEL" NS CYCLES (the label quoted).

set terminal pngcairo size 1000,480 font ",10"
set output out
set multiplot layout 1,2 title "One call of kmend\\_bench\\_target(), median; direct: the new code called without redirection\n".subtitle
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.8
set grid ytics
set key off
set xtics scale 0 font ",9"

set title "time (ns)"
set autoscale y	# stats only counts points inside the y range
stats data using 2 nooutput
set yrange [0:STATS_max * 1.15]
plot data using 2:xtic(1) linecolor rgb "#4477aa", \
     '' using 0:2:(sprintf("%.1f", $2)) with labels offset 0,0.7 notitle

set title "TSC cycles"
set autoscale y	# stats only counts points inside the y range
stats data using 3 nooutput
set yrange [0:STATS_max * 1.15]
plot data using 3:xtic(1) linecolor rgb "#cc6677", \
     '' using 0:3:(sprintf("%.0f", $3)) with labels offset 0,0.7 notitle

unset multiplot
