# SPDX-License-Identifier: GPL-2.0
# bench.sh - the guest side of the benchmark, run by bench/run through
# tests/vm/vm-run with lib.sh, bench.conf and one file a part:
#
#	calls.sh	the cost of one call, patched and not
#	transition.sh	transition times, idle and under a syscall hammer
#	memory.sh	memory kmend.ko uses per patched function
#
# bench.conf (written by bench/run) sets BENCH_PARTS, the parts to run,
# and each part's loop counts.
. ./lib.sh
# shellcheck source=/dev/null  # written by bench/run
. ./bench.conf
trap hammer_stop EXIT

info kernel "$(uname -r)"
info guest-cpu "$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
info guest-cpus "$(ncpus)"

step "loading kmend.ko, the targets and the loop driver"
insmod /kmend/kmend.ko
insmod "$BENCH"/kmend_bench_target.ko
insmod "$BENCH"/kmend_bench_loop.ko loops="$BENCH_LOOPS"

for part in $BENCH_PARTS; do
	# shellcheck source=/dev/null  # calls.sh, transition.sh, memory.sh
	. "./$part.sh"
	step "part $part"
	"bench_$part"
done

step "unloading"
rmmod kmend_bench_loop
rmmod kmend_bench_target
# The immediate samples' patch modules are pinned, and with them kmend.ko.
[ "${pinned:-0}" -gt 0 ] || rmmod kmend
step finished
