# SPDX-License-Identifier: GPL-2.0
# vm-cmdline: slub_debug=FZPU page_poison=1
# The state machine's randomized soak, short and with a fixed seed (make
# soak runs a long one): kmend-test-soak walks the patches and targets of
# tests/modules/kmend_test_soak_* through a seeded random sequence of
# operations and checks every invariant after each step. The allocator
# debugs (slub_debug, page poisoning; Debian's kernel has no KFENCE), so a
# use after free shows in the kernel log, which fails the run.
#
# /root/soak.conf, when tests/soak/run hands one over, sets SOAK_SEED,
# SOAK_OPS or SOAK_SECONDS, SOAK_ARGS and SOAK_VERBOSE.
. ./lib.sh
SOAK_SEED=20261201
SOAK_OPS=300
SOAK_SECONDS=
SOAK_ARGS=
SOAK_VERBOSE=--verbose
# shellcheck disable=SC1091
[ -f /root/soak.conf ] && . /root/soak.conf
start_test soak
load_kmend
if [ -n "$SOAK_SECONDS" ]; then
	bound="--seconds $SOAK_SECONDS"
else
	bound="--ops $SOAK_OPS"
fi
# shellcheck disable=SC2086  # several words each
run $TESTMODS/kmend-test-soak --seed "$SOAK_SEED" $bound $SOAK_VERBOSE $SOAK_ARGS
# Modules a forced or immediate switch pinned stay, and so does kmend.ko.
if ! grep -q '^kmend_test_soak_patch' /proc/modules; then
	run rmmod kmend_test_soak_hub
	unload_kmend
fi
pass soak
