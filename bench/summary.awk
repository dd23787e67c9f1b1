# SPDX-License-Identifier: GPL-2.0
# summary.awk - docs/benchmarks.md: the kernels' figures side by side.
#
#	awk -f bench/summary.awk docs/benchmarks/*.figures > docs/benchmarks.md
#
# Each file is one kernel's run (bench/run): "INFO KEY VALUE..." and
# "RESULT NAME MEDIAN UNIT SAMPLES" lines. Kernels are shown in the order
# of the files; a figure a run lacks shows as "n/a".

FNR == 1 {
	k = ++nk
}
$1 == "INFO" {
	key = $2
	$1 = $2 = ""
	info[k, key] = substr($0, 3)
	next
}
$1 == "RESULT" {
	med[k, $2] = $3
}

function has(k, n) {
	return (k, n) in med
}

function num(k, n, d, div) {
	return has(k, n) ? sprintf("%." d "f", med[k, n] / div) : "n/a"
}

function ratio(a, b) {
	return a != "" && b != "" && b + 0 > 0 ? sprintf("%.2f", a / b) : "n/a"
}

function extra(k, v) {
	if (!has(k, "call." v ".ns") || !has(k, "call.unpatched.ns"))
		return ""
	return med[k, "call." v ".ns"] - med[k, "call.unpatched.ns"]
}

function total(k, impl) {
	if (!has(k, "memory." impl ".slab"))
		return ""
	return med[k, "memory." impl ".slab"] + med[k, "memory." impl ".vmalloc"] + \
	       med[k, "memory." impl ".percpu"]
}

# pair(A, B, D): "A / B (A/B)", or n/a for what is missing.
function pair(a, b, d) {
	if (a == "" || b == "")
		return "n/a"
	return sprintf("%." d "f / %." d "f (**%s**)", a, b, ratio(a, b))
}

function get(k, n) {
	return has(k, n) ? med[k, n] : ""
}

function row(label, what,   k, line) {
	line = "| " label
	for (k = 1; k <= nk; k++)
		line = line " | " cell(k, what)
	print line " |"
}

function cell(k, what,   f, a, b) {
	split(what, f, " ")
	if (f[1] == "call")
		return pair(extra(k, "kmend"), extra(k, "klp"), 1)
	if (f[1] == "transition") {
		a = get(k, "transition.kmend." f[2] "." f[3] "." f[4]) / 1000
		b = get(k, "transition.klp.per-task." f[3] "." f[4]) / 1000
		if (!has(k, "transition.kmend." f[2] "." f[3] "." f[4]) || \
		    !has(k, "transition.klp.per-task." f[3] "." f[4]))
			return "n/a"
		return pair(a, b, 1)
	}
	if (f[1] == "settled")
		return num(k, "settled.kmend." f[2] "." f[3] "." f[4], 1, 1000)
	if (f[1] == "stop")
		return num(k, "stop.kmend.atomic." f[2], 0, 1)
	if (f[1] == "memory")
		return pair(total(k, "kmend"), total(k, "klp"), 0)
	if (f[1] == "slab")
		return pair(get(k, "memory.kmend.slab"), get(k, "memory.klp.slab"), 0)
	if (f[1] == "build")
		return num(k, "build." f[2], 1, 1)
	if (f[1] == "info")
		return (k, f[2]) in info ? info[k, f[2]] : "not recorded"
	return "?"
}

END {
	print "# Benchmarks"
	print ""
	print "Written by `make bench` (bench/run for each kernel, then bench/summary);"
	print "run it again rather than editing this file. Each kernel's full report,"
	print "with how every figure is measured, is in docs/benchmarks/; this page"
	print "puts the figures that compare kmend with the kernel's livepatch side"
	print "by side. kmend and livepatch are measured in the same boot of the"
	print "same kernel, so their ratio (in bold: kmend / livepatch, lower is"
	print "better for kmend) is what carries over from one host to another."
	print ""
	print "**These are not hardware numbers**: the guests run under QEMU's TCG,"
	print "which emulates every instruction, and interrupts, IPIs and text"
	print "changes (what ftrace and stop_machine are made of) are slowed down"
	print "more than plain code. Compare ratios, not milliseconds."
	print ""
	line = "| | "
	sep = "| --- |"
	for (k = 1; k <= nk; k++) {
		line = line (k > 1 ? " | " : "") "[" info[k, "kernel"] "](benchmarks/" info[k, "kernel"] ".md)"
		sep = sep " ---: |"
	}
	print line " |"
	print sep
	row("kernel", "info kernel-what")
	row("run on", "info date")
	row("accelerator", "info accel")
	row("host load", "info host-load")
	row("**per call**: extra ns over an unpatched call, kmend / livepatch", "call")
	n = transition_cases(cases)
	for (i = 1; i <= n; i++) {
		split(cases[i], c, " ")
		row("**" c[3] "**, " c[2] ", kmend " c[1] \
		    ": ms to transition 0, kmend / livepatch", "transition " cases[i])
	}
	for (i = 1; i <= n; i++) {
		split(cases[i], c, " ")
		if (c[1] == "per-task")
			row(c[3] ", " c[2] ", per-task: ms until kmend settled", \
			    "settled " cases[i])
	}
	row("atomic model: machine stopped, idle (us)", "stop idle")
	row("atomic model: machine stopped, hammer (us)", "stop hammer")
	row("**memory** per patched function, bytes in the kernel, kmend / livepatch", "memory")
	row("of which slab, kmend / livepatch", "slab")
	row("kmend build, one-file diff, cold (s)", "build cold")
	row("kmend build, same diff again, warm (s)", "build warm-same")
	row("kmend build, another file, warm (s)", "build warm-other")
	print ""
	for (k = 1; k <= nk; k++)
		if (get(k, "transition.klp.per-task.hammer.patch") > 10000000)
			slow = slow (slow == "" ? "" : ", ") info[k, "kernel"] " (" \
			       num(k, "transition.klp.per-task.hammer.patch", 0, 1000000) " s to patch, " \
			       num(k, "transition.klp.per-task.hammer.unpatch", 0, 1000000) " s to unpatch)"
	if (slow != "") {
		print "Under the hammer, the kernel's livepatch took more than 10 s per"
		print "transition on " slow ": the ratios of those rows say more about"
		print "livepatch on that kernel under TCG than about kmend."
		print ""
	}
	print "Per-call cost: " info[1, "call-loops"] " calls of a noinline module function"
	print "per timed run, the median of the runs. Transitions: from the command"
	print "(insmod of the patch, or 0 written to `enabled`) to the first read of 0"
	print "from the patch's `transition` file; the kernel's livepatch has only the"
	print "per-task model, so every kmend model is compared with its per-task"
	print "transition; hammer: a process a vCPU calls getppid() in a loop."
	print "Memory: what the kernel allocated and kept per patched function (65"
	print "functions against 1). kmend build: on the host, before the VM boots."
	print ""
	print "    make bench                                  # every kernel of KRELS"
	print "    make bench BENCH_KRELS=6.12.118+deb13-amd64   # one kernel; this page is rewritten"
	print "    bench/summary                               # this page again, from docs/benchmarks/"
}
