# SPDX-License-Identifier: GPL-2.0
# report.awk - the benchmark report (Markdown) from the run's figures.
#
#	awk -f bench/report.awk INFO RESULTS > benchmarks.md
#
# INFO has "KEY VALUE..." lines about the run: bench/run's and the guest's
# INFO lines. RESULTS has "NAME MEDIAN UNIT SAMPLES" lines (medians.awk).
# A figure that is missing shows as "n/a".

FNR == NR {
	key = $1
	$1 = ""
	info[key] = substr($0, 2)
	next
}
{
	med[$1] = $2
	cnt[$1] = $4
}

function has(n) {
	return n in med
}

# num(NAME, DECIMALS, DIVISOR): the median, scaled and formatted.
function num(n, d, div) {
	return has(n) ? sprintf("%." d "f", med[n] / div) : "n/a"
}

function ratio(a, b) {
	return a != "" && b != "" && b + 0 > 0 ? sprintf("%.2f", a / b) : "n/a"
}

# extra(VARIANT, UNIT): a call's cost over the unpatched call, or "".
function extra(v, u,   a, b) {
	a = "call." v "." u
	b = "call.unpatched." u
	return has(a) && has(b) ? med[a] - med[b] : ""
}

# noise: how far apart the two baselines are, in ns, or "".
function noise(   a, b) {
	a = "call.unpatched.ns"
	b = "call.direct.ns"
	if (!has(a) || !has(b))
		return ""
	return med[a] > med[b] ? med[a] - med[b] : med[b] - med[a]
}

function fmt(x, d) {
	return x == "" ? "n/a" : sprintf("%." d "f", x)
}

function call_row(v, label) {
	printf "| %s | %s | %s | %s | %s |\n", label, num("call." v ".ns", 1, 1),
	       num("call." v ".cycles", 0, 1),
	       v == "unpatched" ? "—" : fmt(extra(v, "ns"), 1),
	       v == "unpatched" ? "—" : fmt(extra(v, "cycles"), 0)
}

function transition_row(model, load, dir,   k, l, ks, kt) {
	k = "transition.kmend." model "." load "." dir
	ks = "settled.kmend." model "." load "." dir
	kt = "transition-log.kmend." model "." load "." dir
	l = "transition.klp.per-task." load "." dir
	printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", dir, load, model,
	       num(k, 1, 1000), num(ks, 1, 1000), num(kt, 1, 1000),
	       num(l, 1, 1000), ratio(has(k) ? med[k] : "", has(l) ? med[l] : "")
}

function memory_sum(impl,   s) {
	if (!has("memory." impl ".slab"))
		return "n/a"
	s = med["memory." impl ".slab"] + med["memory." impl ".vmalloc"] + \
	    med["memory." impl ".percpu"]
	return sprintf("%.0f", s)
}

function memory_row(what, label) {
	printf "| %s | %s | %s |\n", label, num("memory.kmend." what, 0, 1),
	       num("memory.klp." what, 0, 1)
}

END {
	print "# Benchmarks on " info["kernel"]
	print ""
	print "Written by `make bench` (bench/run) on " info["date"] "; run it again"
	print "rather than editing this file. How each figure is measured is said"
	print "under its table; the code is in bench/. The kernels side by side:"
	print "[benchmarks.md](../benchmarks.md)."
	print ""
	print "| | |"
	print "| --- | --- |"
	print "| kernel | " info["kernel"] " (" info["kernel-what"] ") in QEMU " info["qemu"] " |"
	print "| accelerator | " info["accel"] " |"
	print "| guest | " info["guest-cpus"] " vCPUs, " info["guest-cpu"] ", " info["guest-mem"] " MiB |"
	print "| host CPU | " info["host-cpu"] " (" info["host-cpus"] " CPUs) |"
	print "| host load | " (("host-load" in info) ? info["host-load"] : "not recorded") " |"
	print "| duration | " info["vm-seconds"] " s in the VM (boot included), " info["total-seconds"] " s for the whole `make bench` |"
	print ""
	if (info["accel"] ~ /^TCG/) {
		print "**These are not hardware numbers.** Under TCG QEMU translates and"
		print "emulates every guest instruction, on one host thread for all vCPUs,"
		print "so a guest nanosecond here is many real ones and the cycles are the"
		print "host's TSC ticks, not the guest CPU's. Code that is mostly plain"
		print "instructions (a call, a return) and code that is mostly expensive to"
		print "emulate (interrupts, IPIs, page-table and text changes, which ftrace"
		print "and stop_machine are full of) are slowed down by different factors."
		print "What carries over are the comparisons inside one run, the ratios in"
		print "the tables: kmend against the kernel's livepatch, patched against"
		print "unpatched. Run `make bench` on a host with KVM for real numbers."
		print ""
	}

	print "## The cost of one call"
	print ""
	print "`kmend_bench_target(int)`, a noinline function of the module"
	print "kmend_bench_target that returns x + 1, is called " info["call-loops"] " times in"
	print "a tight loop with preemption off (module kmend_bench_loop). Its"
	print "replacement returns x + 2, and every run checks from the sum of the"
	print "results that all its calls, or none, reached the new code. A figure is"
	print "the median over " info["call-repeat"] " runs (" 2 * info["call-repeat"] " for the first two rows, timed before and"
	print "after the others) of the run's time divided by its calls:"
	print "`ktime_get_ns()` for ns, `get_cycles()` (the TSC) for cycles. \"New code"
	print "called directly\" is `kmend_bench_direct()`, the replacement's body"
	print "called without any redirection: the floor of a patched call."
	print ""
	print "| variant | ns per call | cycles per call | extra ns | extra cycles |"
	print "| --- | ---: | ---: | ---: | ---: |"
	call_row("unpatched", "not patched")
	call_row("direct", "new code called directly")
	call_row("kmend", "patched by kmend")
	call_row("klp", "patched by the kernel's livepatch")
	print ""
	print "Extra cost of a patched call over the unpatched one, **kmend /"
	print "livepatch: " ratio(extra("kmend", "ns"), extra("klp", "ns")) "** in ns, " \
	      ratio(extra("kmend", "cycles"), extra("klp", "cycles")) " in cycles. How ftrace called the"
	print "function while it was timed, from /sys/kernel/tracing/enabled_functions:"
	print ""
	print "    kmend:     " info["kmend-redirect"]
	print "    livepatch: " info["klp-redirect"]
	print ""
	print "The unpatched call and the direct call of the new code run the same"
	print "instructions but for the 5-byte nop of `__fentry__`; they differ by"
	print fmt(noise(), 1) " ns in this run, which gives an idea of the noise. Under TCG"
	print "a jump to another page costs QEMU more than a jump within a page (it"
	print "chains translated blocks only within a page), so the extra cost of a"
	print "redirection, a few jumps between the target module, kmend.ko or"
	print "ftrace's trampoline and the patch module, also depends on where"
	print "KASLR put the modules, and changes from one boot to the next: compare"
	print "ratios, and the order of magnitude, rather than nanoseconds."
	print ""
	print "![Per-call cost](" info["kernel"] "-per-call.png)"
	print ""

	print "## Transition time"
	print ""
	print "Patching is the insmod of the patch module (kmend_bench_patch with"
	print "`consistency=`, or klp_bench_patch for the kernel's livepatch) with"
	print "its transition; unpatching is writing 0 to the patch's `enabled`."
	print "Both patchers are timed the same way, from user space"
	print "(bench/tools/kmend-bench-switch): from just before the command starts"
	print "to the first read of 0 from the patch's `transition` file in sysfs,"
	print "polled every millisecond; the ratio compares these two columns."
	print "kmend goes on working after its transition (it moves the patched"
	print "addresses to its fast path, or from it before the next transition),"
	print "so \"settled\" is the time until that work is over too, and no case"
	print "starts before the previous one has settled. \"kmend log\" is the"
	print "kernel log's \"transition took N us\": from the start of the switch"
	print "to its end, without what comes before (loading the module, resolving"
	print "symbols, registering with ftrace) or after. Idle: nothing else runs."
	print "Hammer: a process a vCPU calls getppid() in a loop. Median of " info["transition-repeat"]
	print "rounds, in which the cases alternate. The kernel's livepatch has only"
	print "the per-task model; every kmend model is compared with it."
	print ""
	print "| | load | kmend model | kmend, to transition 0 (ms) | kmend, settled (ms) | kmend log (ms) | livepatch (per-task), to transition 0 (ms) | kmend / livepatch |"
	print "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
	n = transition_cases(cases)
	for (i = 1; i <= n; i++) {
		split(cases[i], c, " ")
		transition_row(c[1], c[2], c[3])
	}
	print ""
	print "An immediate transition checks no task, so kmend pins the patch"
	print "module it switched for good; each immediate sample loads a copy of"
	print "the patch module of its own (bench/modules/Kbuild makes 14), so those"
	print "rows have at most 14 samples in all."
	print ""
	print "A per-task transition that does not end at once is tried again: by"
	print "the kernel's livepatch once a second (`round_jiffies_relative(HZ)`"
	print "in kernel/livepatch/transition.c), by kmend after a jiffy, doubling"
	print "up to a tenth of a second (core/kmend_transition.c), which is most of"
	print "the difference in the per-task rows."
	print ""

	print "## Atomic model: how long the machine stops"
	print ""
	print "Each atomic switch runs one `stop_machine()`; kmend logs how long the"
	print "stopped machine spent checking every task's stack and switching"
	print "(\"machine stopped for N us\"), from the patching and the unpatching of"
	print "the rounds above."
	print ""
	print "| load | stopped (us) | samples |"
	print "| --- | ---: | ---: |"
	printf "| idle | %s | %s |\n", num("stop.kmend.atomic.idle", 0, 1), cnt["stop.kmend.atomic.idle"] + 0
	printf "| hammer | %s | %s |\n", num("stop.kmend.atomic.hammer", 0, 1), cnt["stop.kmend.atomic.hammer"] + 0
	print ""

	print "## Memory per patched function"
	print ""
	print "The same patch module is loaded with `nfuncs=1` and with `nfuncs=65`"
	print "(kmend_bench_target and 64 more functions), so the module's own size"
	print "and what a patch costs once cancel out: per function = (held with 65"
	print "− held with 1) / 64, where held is what the kernel allocated from"
	print "just before insmod to a second after the transition's end and has"
	print "not freed. Slab: the `bytes_alloc` of every `kmalloc` and"
	print "`kmem_cache_alloc` (kmem trace events) made by insmod, where a patch"
	print "is set up, or by a kernel worker, where a transition may end, and not"
	print "freed: exact to the object, without what unrelated tasks allocate"
	print "meanwhile. Vmalloc: the growth of the pages in /proc/vmallocinfo,"
	print "thread stacks left out (ftrace's trampolines are allocated there)."
	print "Percpu: the growth of Percpu in /proc/meminfo. Median of " info["memory-repeat"] " samples,"
	print "in bytes. Not per function, so not counted: kmend.ko's own size, " info["kmend-module-size"]
	print "bytes in /proc/modules (the kernel's livepatch is built in)."
	print ""
	print "| bytes per function | kmend | livepatch |"
	print "| --- | ---: | ---: |"
	memory_row("slab", "slab objects")
	memory_row("vmalloc", "vmalloc (ftrace trampolines)")
	memory_row("percpu", "percpu")
	printf "| **total in the kernel** | **%s** | **%s** |\n", memory_sum("kmend"), memory_sum("klp")
	printf "| struct kmend_func / klp_func, in the patch module | %s | %s |\n",
	       info["kmend-func-size"], info["klp-func-size"]
	print ""

	if (has("build.cold")) {
		print "## From a diff to a module: kmend build"
		print ""
		print "On the host (" info["host-cpus"] " CPUs, `-j" info["build-jobs"] "`), by bench/build-time, before the VM boots:"
		print "the wall time of `kmend build` from " info["build-patch"] " to"
		print "the .ko, the target's vmlinux given for the code check. Cold: an empty"
		print "cache, so Debian's linux-source tarball is unpacked (in part),"
		print "configured and prepared first; warm, same diff: the same build again,"
		print "as after an edit of the diff; warm, another file: diffs of other files"
		print "of fs/proc (new-function, static-local, callbacks), each compiled for"
		print "the first time in the prepared tree. Median of the samples, in seconds."
		print "The cache held " info["build-cache-size"] " afterwards."
		print ""
		print "| build | seconds | samples | target |"
		print "| --- | ---: | ---: | ---: |"
		printf "| cold | %s | %s | < 60 |\n", num("build.cold", 1, 1), cnt["build.cold"] + 0
		n = split("target source prepare original-objects patched-objects diff module", st, " ")
		for (i = 1; i <= n; i++)
			printf "| &nbsp;&nbsp;of which %s | %s | | |\n", st[i], num("build.cold.stage." st[i], 1, 1)
		printf "| warm, same diff | %s | %s | < 10 |\n", num("build.warm-same", 1, 1), cnt["build.warm-same"] + 0
		printf "| warm, another file | %s | %s | < 10 |\n", num("build.warm-other", 1, 1), cnt["build.warm-other"] + 0
		print ""
		print "kpatch-build builds the whole kernel, twice; it is not measured here."
		print ""
	}

	print "## Running it"
	print ""
	print "    make bench BENCH_KRELS=" info["kernel"] "    # or KREL=" info["kernel"] " bench/run"
	print ""
	print "builds what it needs, boots the guest once (tests/vm/vm-run) and runs bench/guest/bench.sh,"
	print "whose parts print one `RESULT name value unit` line a sample;"
	print "bench/run takes the medians, writes this file, the chart and the"
	print "figures (" info["kernel"] ".figures, which bench/summary reads). The"
	print "guest's output stays in build/bench/" info["kernel"] "/. Loop counts can"
	print "be changed for one run:"
	print ""
	print "| variable | this run | what |"
	print "| --- | ---: | --- |"
	print "| BENCH_LOOPS | " info["call-loops"] " | calls per timed run |"
	print "| BENCH_CALL_REPEAT | " info["call-repeat"] " | timed runs per call variant |"
	print "| BENCH_TRANSITION_REPEAT | " info["transition-repeat"] " | rounds of the transition cases |"
	print "| BENCH_MEMORY_REPEAT | " info["memory-repeat"] " | memory samples per patcher |"
	print "| BENCH_BUILD_REPEAT | " info["build-repeat"] " | warm builds of the same diff |"
	print "| BENCH_PARTS | " info["parts"] " | the parts run; a partial run writes build/bench/ only |"
}
