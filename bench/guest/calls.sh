# SPDX-License-Identifier: GPL-2.0
# calls.sh - the cost of one call of kmend_bench_target(): not patched,
# patched by kmend, patched by the kernel's livepatch, and the cost of
# calling the new code (kmend_bench_direct(), the same body) directly.
#
# Each variant: one warm-up run, then BENCH_CALL_REPEAT runs of BENCH_LOOPS
# calls with preemption off (twice for the two baselines); a sample is one run's time divided by its
# calls, in ns (ktime) and in cycles (TSC). Every run checks that all its
# calls, or none, reached the new code.

LOOP=/sys/module/kmend_bench_loop/parameters

# time_calls VARIANT target|direct REDIRECTED
time_calls() {
	echo "$2" > "$LOOP"/run
	for _ in $(seq "$BENCH_CALL_REPEAT"); do
		echo "$2" > "$LOOP"/run
		redirected=$(cat "$LOOP"/redirected)
		[ "$redirected" = "$3" ] ||
			fail "$1: $redirected of $BENCH_LOOPS calls reached the new code, expected $3"
		awk -v v="$1" -v n="$BENCH_LOOPS" \
		    -v ns="$(cat "$LOOP"/ns)" -v cyc="$(cat "$LOOP"/cycles)" 'BEGIN {
			printf "RESULT call.%s.ns %.3f ns\n", v, ns / n
			printf "RESULT call.%s.cycles %.1f cycles\n", v, cyc / n
		}'
	done
}

# redirect_info PATCHER: how ftrace calls kmend_bench_target() now, as
# /sys/kernel/tracing/enabled_functions says (its line and the indented
# lines after it, joined).
redirect_info() {
	info "$1-redirect" "$(awk '
		/^kmend_bench_target / { on = 1; print; next }
		on && /^[ \t]/ { print; next }
		{ on = 0 }' /sys/kernel/tracing/enabled_functions | tr -s '\n\t ' '   ')"
}

# time_baselines: the unpatched call and the direct call of the new code.
time_baselines() {
	step "calls: not patched"
	time_calls unpatched target 0
	step "calls: the new code, called directly"
	time_calls direct direct "$BENCH_LOOPS"
}

# The baselines are timed first and last, their samples pooled, so that a
# drift of the host's speed during the part does not favour either side.
bench_calls() {
	info call-loops "$BENCH_LOOPS"
	info call-repeat "$BENCH_CALL_REPEAT"

	time_baselines

	step "calls: patched by kmend"
	enable_patch kmend > /dev/null
	time_calls kmend target "$BENCH_LOOPS"
	redirect_info kmend
	unpatch kmend

	step "calls: patched by livepatch"
	enable_patch klp > /dev/null
	time_calls klp target "$BENCH_LOOPS"
	redirect_info klp
	unpatch klp

	time_baselines
}
