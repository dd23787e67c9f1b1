# SPDX-License-Identifier: GPL-2.0
# transition.sh - how long patching and unpatching kmend_bench_target()
# take, for each of kmend's consistency models and for the kernel's
# livepatch (per-task only), on an idle guest and with a syscall hammer on
# every CPU.
#
# Both patchers are timed the same way from user space: from the start of
# insmod (or of the write of 0 to enabled) to transition=0 in sysfs,
# polled every millisecond (kmend-bench-switch). kmend goes on working
# after that (it moves the addresses to its fast path), so for kmend the
# time until that work is over is recorded too ("settled"), and no case
# starts before the one before it has settled. Also for kmend: the kernel
# log's "transition took N us" (from the start of the switch to its end)
# and, for the atomic model, "machine stopped for N us".
# BENCH_TRANSITION_REPEAT rounds, the cases interleaved. An immediate
# transition pins its patch module (nothing checks that no task still runs
# the old code), so each immediate sample loads a copy of its own, pin1 to
# pin$PINS, and the immediate rows have at most PINS samples in all.

PINS=14
pinned=0

# transition_kmend MODEL LOAD
transition_kmend() {
	impl=kmend
	if [ "$1" = immediate ]; then
		[ $pinned -lt $PINS ] || return 0
		pinned=$((pinned + 1))
		impl=pin$pinned
	fi
	log="kmend: '$(patch_module $impl)':"
	took=$(kmsg_count "$log transition took")
	stopped=$(kmsg_count "$log machine stopped for")

	us=$(enable_patch $impl consistency="$(consistency_param "$1")")
	result "transition.kmend.$1.$2.patch" "${us% *}" us
	result "settled.kmend.$1.$2.patch" "${us#* }" us
	us=$(kmsg_us_after "$took" "$log transition took")
	result "transition-log.kmend.$1.$2.patch" "$us" us

	us=$(disable_patch $impl)
	result "transition.kmend.$1.$2.unpatch" "${us% *}" us
	result "settled.kmend.$1.$2.unpatch" "${us#* }" us
	us=$(kmsg_us_after $((took + 1)) "$log transition took")
	result "transition-log.kmend.$1.$2.unpatch" "$us" us
	[ "$1" = immediate ] || remove_module kmend_bench_patch

	[ "$1" = atomic ] || return 0
	for us in $(kmsg_us_after "$stopped" "$log machine stopped for"); do
		result "stop.kmend.atomic.$2" "$us" us
	done
}

# transition_klp LOAD
transition_klp() {
	us=$(enable_patch klp)
	result "transition.klp.per-task.$1.patch" "$us" us
	us=$(disable_patch klp)
	result "transition.klp.per-task.$1.unpatch" "$us" us
	remove_module klp_bench_patch
}

# transition_round LOAD
transition_round() {
	for model in per-task atomic immediate; do
		transition_kmend "$model" "$1"
	done
	transition_klp "$1"
}

bench_transition() {
	info transition-repeat "$BENCH_TRANSITION_REPEAT"

	step "transitions: idle"
	for _ in $(seq "$BENCH_TRANSITION_REPEAT"); do
		transition_round idle
	done

	step "transitions: a syscall hammer on each of $(ncpus) CPUs"
	hammer_start
	for _ in $(seq "$BENCH_TRANSITION_REPEAT"); do
		transition_round hammer
	done
	hammer_stop
}
