# SPDX-License-Identifier: GPL-2.0
#
# make		build kmend.ko, the samples, the test modules and the tools
#		against the target kernel's headers, and stage the guest tree
# make check	install what is missing, build, run the unit tests of the
#		object differ (also with ASan and UBSan) and of what kmend
#		build refuses and installs, check that a killed build leaves
#		no patched tree behind, build the packages and test them in a
#		booted Debian 12 system, roll a fix out to a fleet of three
#		guests, build and load the 40 real fixes of the 6.1 corpus
#		(tests/corpus); then for each kernel of KRELS build
#		kmend.ko, the samples and the test modules and the patches of
#		tests/build-patches, and run every guest test on each kernel,
#		two VMs at a time, ending with one "REL: N passed, N failed,
#		N skipped" line per kernel and a total (tests/run)
# make demo	install what is missing, build, patch /proc/cmdline in a VM
# make bench	run the benchmarks in a VM, for each kernel of BENCH_KRELS
#		(default KRELS), and write docs/benchmarks.md (bench/summary)
# make soak	the long randomized soak of the state machine in a VM
#		(SOAK_OPS=10000 or SOAK_SECONDS=N, SOAK_SEED=N; tests/soak/run)
# make corpus	kmend build on Debian's stable updates, built and loaded in a VM
#		(CORPUS=6.1 or 6.12; tests/corpus/run)
# make fuzz	fuzz the ELF input of kmend-diff and kmend-klp-convert
#		(tests/fuzz), FUZZ_SECONDS (60) each
# make deb	build the Debian packages kmend and kmend-dkms (debian/) into
#		build/deb/, and run lintian on them
#
# KREL selects the target kernel release (default: the host's
# linux-headers-amd64; scripts/kernel-releases lists the supported ones),
# KDIR its build tree: the installed headers, else Debian's packages
# fetched into build/headers/ (scripts/kernel-headers). Modules are built
# with the compiler their kernel was built with (scripts/buildroot), and
# the guest tree is staged in build/guest/KREL/. KRELS lists the kernels
# make check tests (default: all of scripts/kernel-releases), e.g.
# make check KRELS="6.1.0-57-amd64".

KREL ?= $(shell scripts/kernel-release)
KDIR ?= $(shell scripts/kernel-headers $(KREL))
ifeq ($(KDIR),)
$(error no build tree for kernel $(KREL), see the message above)
endif
BUILD := $(CURDIR)/build
GUEST := $(BUILD)/guest/$(KREL)
KRELS ?= $(shell scripts/kernel-releases -q)
KMAKE = scripts/buildroot $(KREL) $(MAKE) -C $(KDIR)
KBUILD = $(KMAKE) KBUILD_EXTRA_SYMBOLS=$(CURDIR)/core/Module.symvers

.PHONY: all core samples test-modules tools guest check check-kernels demo bench soak corpus fuzz deps deb clean

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

# kmend build is checked on the host (the differ's unit tests) before the
# kernels' part: for each kernel its modules, the real diffs of
# tests/build-patches built against Debian's source, then the guest tests
# of all kernels, whose summary ends the output. A kernel whose patches
# did not build still runs its other guest tests; make check fails.
check: deps
	$(MAKE) all
	$(MAKE) -C tools/kmend-build check
	$(MAKE) -C tools/kmend-build check-sanitize
	tests/unit/kmend/run
	tests/unit/kmend/install
	tests/unit/kmend/status
	ansible/lint
	tests/unit/kmend-build/killed-build
	tests/unit/kmend-build/driver-messages
	$(MAKE) deb
	tests/debian/run
	tests/fleet/run
	tests/corpus/run 6.1
	+$(MAKE) check-kernels

# kmend build links a patch against core/Module.symvers, so each kernel's
# patches are built right after its kmend.ko.
check-kernels:
	bad=; \
	for r in $(KRELS); do \
		$(MAKE) KREL=$$r all || exit; \
		rm -rf $(BUILD)/build-patches/$$r; \
		KREL=$$r tests/build-patches/build $(BUILD)/build-patches/$$r || bad="$$bad $$r"; \
	done; \
	rc=0; KRELS="$(KRELS)" tests/run -j2 || rc=$$?; \
	[ -z "$$bad" ] || { echo "make check: tests/build-patches/build failed for$$bad"; rc=1; }; \
	exit $$rc

demo: deps
	$(MAKE) all
	tests/vm/vm-run tests/demo.sh

FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run

# dpkg-buildpackage writes next to the source tree, so the tree is
# exported (git archive when this is a git checkout, else copied) into
# build/deb/src, built there, and the results stay in build/deb/.
DEB := $(BUILD)/deb
deb: deps
	rm -rf $(DEB) && mkdir -p $(DEB)/src
	if git -C $(CURDIR) rev-parse --git-dir > /dev/null 2>&1; then \
		git -C $(CURDIR) ls-files -z --cached --others --exclude-standard | \
			(cd $(CURDIR) && xargs -0 tar -c --no-recursion -f -) | tar -x -C $(DEB)/src; \
	else \
		tar -c --exclude=./build --exclude=./.git -f - . | tar -x -C $(DEB)/src; \
	fi
	cd $(DEB)/src && dpkg-buildpackage -us -uc -b
	lintian --info --display-info --pedantic $(DEB)/*.changes | tee $(DEB)/lintian.txt

# A kernel whose run failed keeps its last figures in docs/benchmarks/.
BENCH_KRELS ?= $(KRELS)
bench: deps
	bad=; \
	for r in $(BENCH_KRELS); do \
		{ $(MAKE) KREL=$$r all && KREL=$$r bench/run; } || bad="$$bad $$r"; \
	done; \
	bench/summary; \
	[ -z "$$bad" ] || { echo "make bench: failed for$$bad"; exit 1; }

soak: deps
	$(MAKE) all
	tests/soak/run

# kmend build on Debian's stable updates (tests/corpus): CORPUS=6.1 or 6.12
corpus: deps
	for c in $(or $(CORPUS),6.1 6.12); do tests/corpus/run $$c || exit; done

clean:
	-$(KMAKE) M=$(CURDIR)/core clean
	-$(KMAKE) M=$(CURDIR)/samples clean
	-$(KMAKE) M=$(CURDIR)/tests/modules clean
	-$(MAKE) -C tools/kmend clean
	-$(MAKE) -C tools/kmend-build clean
	-$(MAKE) -C tests/tools clean
	-$(MAKE) -C tests/fuzz clean
	-$(MAKE) -C bench clean
	rm -rf $(GUEST) $(BUILD)/build-patches tests/unit/kmend-build/out
