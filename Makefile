# SPDX-License-Identifier: GPL-2.0
#
# make		build kmend.ko, the samples, the test modules and the tools
#		against the target kernel's headers, and stage the guest tree
# make check	install what is missing, build, run the unit tests of the
#		object differ, build the patches of tests/build-patches,
#		run every test in a VM
# make demo	install what is missing, build, patch /proc/cmdline in a VM
# make bench	run the benchmarks in a VM
#
# KREL selects the target kernel release (default: the host's
# linux-headers-amd64; scripts/kernel-releases lists the supported ones),
# KDIR its build tree: the installed headers, else Debian's packages
# fetched into build/headers/ (scripts/kernel-headers). Modules are built
# with the compiler their kernel was built with (scripts/buildroot).

KREL ?= $(shell scripts/kernel-release)
KDIR ?= $(shell scripts/kernel-headers $(KREL))
ifeq ($(KDIR),)
$(error no build tree for kernel $(KREL), see the message above)
endif
BUILD := $(CURDIR)/build
GUEST := $(BUILD)/guest
KMAKE = scripts/buildroot $(KREL) $(MAKE) -C $(KDIR)
KBUILD = $(KMAKE) KBUILD_EXTRA_SYMBOLS=$(CURDIR)/core/Module.symvers

.PHONY: all core samples test-modules tools guest check demo bench deps clean

all: guest

core:
	+$(KMAKE) M=$(CURDIR)/core modules

samples: core
	+$(KBUILD) M=$(CURDIR)/samples modules

test-modules: core
	+$(KBUILD) M=$(CURDIR)/tests/modules modules

tools:
	$(MAKE) -C tools/kmend
	$(MAKE) -C tools/kmend-build
	$(MAKE) -C tests/tools

guest: core samples test-modules tools
	rm -rf $(GUEST)
	install -D -m 644 core/kmend.ko $(GUEST)/kmend/kmend.ko
	install -D -m 644 -t $(GUEST)/kmend/samples samples/*.ko
	install -D -m 644 -t $(GUEST)/kmend/tests tests/modules/*.ko
	install -D -m 755 -t $(GUEST)/kmend/tests $(filter-out %.c,$(wildcard tests/tools/kmend-test-*))
	install -D -m 755 tools/kmend/kmend $(GUEST)/usr/bin/kmend
	echo $(KREL) > $(GUEST)/kmend/release

deps:
	scripts/install-deps

# kmend build is checked on the host (the differ's unit tests, then the
# real diffs of tests/build-patches built against Debian's source) before
# the guest tests load what it built.
check: deps
	$(MAKE) all
	$(MAKE) -C tools/kmend-build check
	tests/build-patches/build $(BUILD)/build-patches
	tests/run

demo: deps
	$(MAKE) all
	tests/vm/vm-run tests/demo.sh

bench: deps
	$(MAKE) all
	bench/run

clean:
	-$(KMAKE) M=$(CURDIR)/core clean
	-$(KMAKE) M=$(CURDIR)/samples clean
	-$(KMAKE) M=$(CURDIR)/tests/modules clean
	-$(MAKE) -C tools/kmend clean
	-$(MAKE) -C tools/kmend-build clean
	-$(MAKE) -C tests/tools clean
	-$(MAKE) -C bench clean
	rm -rf $(GUEST) $(BUILD)/build-patches tests/unit/kmend-build/out
