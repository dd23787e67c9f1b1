# SPDX-License-Identifier: GPL-2.0
# cases.awk - the transition cases, in the order both reports list them
# (report.awk for one kernel, summary.awk for all): loaded before them
# with awk -f bench/cases.awk -f ...

# transition_cases(C): C[1..n] = "MODEL LOAD DIR", patching first, idle
# before hammer, kmend's models in the order per-task, atomic,
# immediate; returns n.
function transition_cases(c,   models, loads, dirs, d, l, m, n) {
	split("per-task atomic immediate", models, " ")
	split("idle hammer", loads, " ")
	split("patch unpatch", dirs, " ")
	for (d = 1; d <= 2; d++)
		for (l = 1; l <= 2; l++)
			for (m = 1; m <= 3; m++)
				c[++n] = models[m] " " loads[l] " " dirs[d]
	return n
}
