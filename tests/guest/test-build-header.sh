# SPDX-License-Identifier: GPL-2.0
# kmend build, tests/build-patches/header-fd.patch: a diff of a header only
# replaces the functions that inlined it, found by compiling its
# directory; /proc/PID/fd and fdinfo run the new code.
. ./lib.sh
P=kmend_header_fd
find_build_patch $P
start_test build-header

load_runtime
run kmend load "$KO"
assert_eq "replaced functions" "proc_fd_link,1 seq_show,1 tid_fd_revalidate,1" \
	"$(replaced_functions $P)"

# The function tracer, on the patch module only, sees its code run.
write ":mod:$P" $TRACING/set_ftrace_filter
write function $TRACING/current_tracer
exec 3< /proc/cmdline
grep -q '^flags:' /proc/self/fdinfo/3 || fail "no flags in /proc/self/fdinfo/3"
assert_eq "fd link" /proc/cmdline "$(readlink /proc/self/fd/3)"
exec 3<&-
# Changing the tracer empties the buffer: read it first.
trace=$(cat $TRACING/trace)
write nop $TRACING/current_tracer
for f in seq_show proc_fd_link; do
	echo "$trace" | grep -q " $f <-" || fail "$f of $P did not run"
	pass "$f of $P ran"
done
write '' $TRACING/set_ftrace_filter

run kmend unload $P
grep -q '^flags:' /proc/self/fdinfo/0 || fail "no flags in fdinfo after unload"
unload_runtime
