# SPDX-License-Identifier: GPL-2.0
# make demo: patch /proc/cmdline live in the guest and take the patch back.
set -eu
show() { echo; echo "\$ $*"; "$@"; }

show cat /proc/cmdline
show insmod /kmend/kmend.ko
show kmend load /kmend/samples/kmend_sample_cmdline.ko
show cat /proc/cmdline
show kmend list
show kmend unload kmend_sample_cmdline
show cat /proc/cmdline
