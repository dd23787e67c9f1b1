# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/callbacks.patch: the four callbacks of
# kmend-macros.h run around the switch, in order.
. ./lib.sh
P=kmend_callbacks
find_build_patch $P
start_test build-callbacks

load_runtime
run kmend load "$KO"
case "$(cat /proc/cmdline)" in
*" kmend-callbacks") pass "/proc/cmdline patched" ;;
*) fail "/proc/cmdline does not end with kmend-callbacks: $(cat /proc/cmdline)" ;;
esac
run kmend unload $P
unload_runtime
expect_log '^(% |kmend-callbacks: |kmend: ready)' <<END
$(runtime_loaded)
% kmend load $KO
kmend-callbacks: pre_patch vmlinux
kmend-callbacks: post_patch vmlinux
% kmend unload $P
kmend-callbacks: pre_unpatch vmlinux
kmend-callbacks: post_unpatch vmlinux
$(runtime_unloaded)
END
