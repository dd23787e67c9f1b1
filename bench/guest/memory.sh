# SPDX-License-Identifier: GPL-2.0
# memory.sh - the kernel memory a patcher uses per patched function.
#
# The patch module is loaded once with nfuncs=1 and once with nfuncs=65;
# both loads are the same module, so its own size cancels out, and
#
#	per function = (delta(65) - delta(1)) / 64
#
# where delta is the change of a /proc/meminfo field from before insmod to
# after the transition (plus a second, for memory freed after an RCU grace
# period). Fields: Slab (kmalloc and slab caches: kmend's per-address
# ftrace_ops, ftrace's filter hashes, sysfs nodes and names), VmallocUsed
# (ftrace's per-ftrace_ops trampoline), Percpu, and MemFree (everything,
# noisiest). The patch's own struct kmend_func or klp_func lives in the
# patch module; its size is reported apart. BENCH_MEMORY_REPEAT samples.

MEM_FIELDS="Slab VmallocUsed Percpu MemFree"

meminfo_kb() {
	awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo
}

# mem_delta IMPL NFUNCS: "FIELD KB" lines, each field's growth while the
# patch of NFUNCS functions is enabled (MemFree counted as memory used).
mem_delta() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 1
	for f in $MEM_FIELDS; do
		eval "before_$f=$(meminfo_kb $f)"
	done
	enable_patch "$1" nfuncs="$2" > /dev/null
	sleep 1
	for f in $MEM_FIELDS; do
		eval "d=\$((\$(meminfo_kb $f) - \$before_$f))"
		[ "$f" != MemFree ] || d=$((-d))
		echo "$f $d"
	done
	unpatch "$1"
}

# memory_sample IMPL
memory_sample() {
	one=$(mem_delta "$1" 1)
	many=$(mem_delta "$1" 65)
	for f in $MEM_FIELDS; do
		a=$(echo "$one" | awk -v f=$f '$1 == f { print $2 }')
		b=$(echo "$many" | awk -v f=$f '$1 == f { print $2 }')
		result "memory.$1.$f" $(((b - a) * 1024 / 64)) bytes
	done
}

bench_memory() {
	info memory-repeat "$BENCH_MEMORY_REPEAT"
	for impl in kmend klp; do
		step "memory: $impl, warm-up"
		enable_patch "$impl" nfuncs=65 > /dev/null
		info "$impl-func-size" \
			"$(cat "/sys/module/$(patch_module "$impl")/parameters/func_size")"
		unpatch "$impl"
		step "memory: $impl"
		for r in $(seq "$BENCH_MEMORY_REPEAT"); do
			memory_sample "$impl"
		done
	done
}
