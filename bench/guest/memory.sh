# SPDX-License-Identifier: GPL-2.0
# memory.sh - the kernel memory a patcher uses per patched function.
#
# The patch module is loaded once with nfuncs=1 and once with nfuncs=65;
# both loads are the same module, so its own size and everything a patch
# costs once cancel out, and
#
#	per function = (held(65) - held(1)) / 64
#
# where held is measured from just before insmod to one second after the
# transition's end (so that memory freed after an RCU grace period is
# gone):
#
#	slab	the bytes_alloc of every kmalloc and kmem_cache_alloc that
#		the insmod process or a kernel worker made (traced with the
#		kmem events) and that was not freed: a patch is set up in
#		the module's init, in insmod, and a transition ends in insmod
#		or in a worker. Exact to the object, and without what other
#		tasks allocate meanwhile (kthreadd starting a worker, say)
#	vmalloc	the growth of the pages of /proc/vmallocinfo, thread stacks
#		left out: ftrace's trampolines, a page for each ftrace_ops
#	percpu	the growth of Percpu in /proc/meminfo
#
# The patch's own struct kmend_func or klp_func lives in the patch module
# (the patch author's memory); its size is reported apart, and so is
# kmend.ko's own size, which does not grow with the functions.
# BENCH_MEMORY_REPEAT samples.

TRACING=/sys/kernel/tracing
KMEM_EVENTS="kmalloc kmem_cache_alloc kfree kmem_cache_free"

meminfo_kb() {
	awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo
}

# kmem_trace 0|1: stop or start tracing the slab allocator (start clears
# the buffer).
kmem_trace() {
	echo 0 > $TRACING/tracing_on
	[ "$1" = 1 ] && echo > $TRACING/trace
	for e in $KMEM_EVENTS; do
		echo "$1" > "$TRACING/events/kmem/$e/enable"
	done
	echo "$1" > $TRACING/tracing_on
}

# vmalloc_pages: pages of the vmalloc areas but thread stacks (allocated
# from kernel_clone()).
vmalloc_pages() {
	awk '$3 !~ /^kernel_clone\+/ {
		for (i = 4; i <= NF; i++)
			if ($i ~ /^pages=/)
				n += substr($i, 7)
	}
	END { print n + 0 }' /proc/vmallocinfo
}

# slab_held: bytes of the objects that insmod or a kernel worker allocated
# while tracing and that are still held. Pointers are printed hashed, the same way by
# allocation and free; a free may come from any task.
slab_held() {
	awk '
	/entries-in-buffer\/entries-written:/ {
		split($3, n, "/")
		if (n[1] != n[2]) { print "lost events: " $3 > "/dev/stderr"; exit 1 }
	}
	$1 ~ /^(insmod|kworker\/[^ ]*)-[0-9]+$/ && / (kmalloc|kmem_cache_alloc): / {
		p = ""; b = 0
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^ptr=/) p = substr($i, 5)
			if ($i ~ /^bytes_alloc=/) b = substr($i, 13)
		}
		held[p] = b
	}
	/ (kfree|kmem_cache_free): / {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^ptr=/) delete held[substr($i, 5)]
	}
	END { for (p in held) s += held[p]; print s + 0 }' $TRACING/trace ||
		fail "the kmem trace lost events: enlarge buffer_size_kb"
}

# mem_held IMPL NFUNCS: "slab vmalloc percpu" bytes held while the patch
# of NFUNCS functions is enabled.
mem_held() {
	sleep 1
	vmalloc=$(vmalloc_pages)
	percpu=$(meminfo_kb Percpu)
	kmem_trace 1
	enable_patch "$1" nfuncs="$2" > /dev/null
	sleep 1
	kmem_trace 0
	echo "$(slab_held)" \
		$((($(vmalloc_pages) - vmalloc) * 4096)) \
		$((($(meminfo_kb Percpu) - percpu) * 1024))
	unpatch "$1"
}

# memory_sample IMPL
memory_sample() {
	# shellcheck disable=SC2046  # three numbers
	set -- "$1" $(mem_held "$1" 1) $(mem_held "$1" 65)
	[ $# -eq 7 ] || fail "memory of $1: cannot measure: $*"
	result "memory.$1.slab" $((($5 - $2) / 64)) bytes
	result "memory.$1.vmalloc" $((($6 - $3) / 64)) bytes
	result "memory.$1.percpu" $((($7 - $4) / 64)) bytes
}

bench_memory() {
	info memory-repeat "$BENCH_MEMORY_REPEAT"
	info kmend-module-size "$(awk '$1 == "kmend" { print $2 }' /proc/modules)"
	# "1408", or "7 (expanded: 1408)" before the first use.
	buffer_kb=$(sed 's/.*expanded: \([0-9]*\).*/\1/' $TRACING/buffer_size_kb)
	echo 8192 > $TRACING/buffer_size_kb
	for impl in kmend klp; do
		step "memory: $impl, warm-up"
		enable_patch "$impl" nfuncs=65 > /dev/null
		info "$impl-func-size" \
			"$(cat "/sys/module/$(patch_module "$impl")/parameters/func_size")"
		unpatch "$impl"
		step "memory: $impl"
		for _ in $(seq "$BENCH_MEMORY_REPEAT"); do
			memory_sample "$impl"
		done
	done
	echo "$buffer_kb" > $TRACING/buffer_size_kb
}
