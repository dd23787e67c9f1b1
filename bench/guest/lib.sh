# SPDX-License-Identifier: GPL-2.0
# lib.sh - helpers for the benchmark's guest side (busybox sh), sourced by
# bench.sh.
#
# Results go to stdout, one sample a line, for bench/run to collect:
#	RESULT NAME VALUE UNIT		one sample; bench/run takes the median
#	INFO KEY VALUE...		about the guest and the parameters
# Each step is also written to the kernel log as "bench: ...", so the
# guest's kernel log reads as the story of the run.

set -eu

BENCH=/kmend/bench

fail() {
	echo "FAIL: $*"
	exit 1
}

# step TEXT: announce a step, with the guest's uptime in seconds.
step() {
	echo "bench: $*" > /dev/kmsg
	echo "# $(cut -d' ' -f1 /proc/uptime) s: $*"
}

result() {
	echo "RESULT $1 $2 $3"
}

info() {
	key=$1
	shift
	echo "INFO $key $*"
}

ncpus() {
	grep -c ^processor /proc/cpuinfo
}

# The patch of IMPL: its module and its sysfs directory. IMPL is kmend,
# klp (the kernel's livepatch) or pinN, the Nth copy of kmend's patch
# module for the immediate model, which pins the module it switched
# (bench/modules/Kbuild).
patch_module() {
	case $1 in
	kmend|klp) echo "${1}_bench_patch" ;;
	pin*) echo "kmend_bench_$1" ;;
	*) fail "no patcher $1" ;;
	esac
}

patch_dir() {
	case $1 in
	klp) echo /sys/kernel/livepatch/klp_bench_patch ;;
	*) echo "/sys/kernel/kmend/$(patch_module "$1")" ;;
	esac
}

# consistency_param MODEL: kmend_bench_patch's consistency= for MODEL.
consistency_param() {
	case $1 in
	per-task) echo 0 ;;
	atomic) echo 1 ;;
	immediate) echo 2 ;;
	*) fail "no consistency model $1" ;;
	esac
}

# settle_opt IMPL: kmend-bench-switch's option to wait, after the
# transition, for the work that follows it: kmend's blockers file takes
# kmend.ko's lock, which that work holds. The kernel's livepatch has no
# such work after a transition.
settle_opt() {
	[ "$1" = klp ] || echo "-s $(patch_dir "$1")/blockers"
}

# enable_patch IMPL [PARAM=VALUE...]: load the patch; prints the
# microseconds from the start of insmod to transition=0 and, for kmend,
# to the end of the work after it.
enable_patch() {
	impl=$1
	shift
	# shellcheck disable=SC2046  # an option and its argument, or nothing
	$BENCH/kmend-bench-switch $(settle_opt "$impl") \
		"$(patch_dir "$impl")/transition" \
		insmod "$BENCH/$(patch_module "$impl").ko" "$@" ||
		fail "enabling the $impl patch ($*) failed"
}

# disable_patch IMPL: prints the microseconds from the write of 0 to
# enabled to transition=0 (livepatch removes the directory: also the end)
# and, for kmend, to the end of the work after it.
disable_patch() {
	dir=$(patch_dir "$1")
	# shellcheck disable=SC2046  # an option and its argument, or nothing
	$BENCH/kmend-bench-switch $(settle_opt "$1") "$dir/transition" \
		sh -c "echo 0 > $dir/enabled" ||
		fail "disabling the $1 patch failed"
}

# remove_module NAME: rmmod, retried for up to 5 s: a patcher drops its
# reference on a patch module just after the transition has ended.
remove_module() {
	i=0
	until rmmod "$1" 2> /dev/null; do
		i=$((i + 1))
		[ $i -le 50 ] || fail "cannot remove module $1"
		sleep 0.1
	done
}

# unpatch IMPL: disable the patch and remove its module, timing nothing.
unpatch() {
	disable_patch "$1" > /dev/null
	remove_module "$(patch_module "$1")"
}

# kmsg_count TEXT: how many kernel log lines contain TEXT.
kmsg_count() {
	dmesg | grep -cF "$1" || true
}

# kmsg_us_after COUNT TEXT: the N of each "TEXT N us" line after the first
# COUNT such lines, waiting up to 5 s for at least one.
kmsg_us_after() {
	i=0
	while [ "$(kmsg_count "$2")" -le "$1" ]; do
		i=$((i + 1))
		[ $i -le 50 ] || fail "no kernel log line '$2' appeared"
		sleep 0.1
	done
	dmesg | grep -F "$2" | tail -n +$(($1 + 1)) |
		sed -n 's/.* \([0-9][0-9]*\) us$/\1/p'
}

# The syscall hammer: one kmend-bench-hammer a CPU, from hammer_start to
# hammer_stop (bench.sh's trap stops it on any exit).
HAMMERS=

hammer_start() {
	for i in $(seq "$(ncpus)"); do
		$BENCH/kmend-bench-hammer &
		HAMMERS="$HAMMERS $!"
	done
}

hammer_stop() {
	[ -n "$HAMMERS" ] || return 0
	# shellcheck disable=SC2086  # a list of pids
	kill $HAMMERS
	for pid in $HAMMERS; do
		wait "$pid" 2> /dev/null || true
	done
	HAMMERS=
}
