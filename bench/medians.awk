# SPDX-License-Identifier: GPL-2.0
# medians.awk - the median of each figure's samples.
#
# In: the guest's "RESULT NAME VALUE UNIT" lines sorted by name, then by
# value (LC_ALL=C sort -k2,2 -k3,3g); other lines are skipped.
# Out: one line a figure, "NAME MEDIAN UNIT SAMPLES"; the median of an
# even number of samples is the mean of the middle two.

function flush(   m) {
	if (name == "")
		return
	m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	printf "%s %.3f %s %d\n", name, m, unit, n
}

$1 != "RESULT" || NF != 4 { next }
$2 != name {
	flush()
	name = $2
	unit = $4
	n = 0
}
{ v[++n] = $3 + 0 }
END { flush() }
