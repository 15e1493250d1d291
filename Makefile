# SPDX-License-Identifier: GPL-2.0
#
# The one entry point.  `make` installs what is missing, fetches the two
# Debian kernels and builds everything; `make check` runs every test and ends
# with one line "N passed, N failed".
#
# Each area contributes a fragment (vm/vm.mk, sim/sim.mk,
# exercises/exercises.mk, book/book.mk, tools/tools.mk).  A
# fragment appends to:
#   ALL     files that `make` builds
#   CHECKS  TAP files under build/check/, one per test unit; their rules
#           always run and never fail (failures are "not ok" lines), so one
#           broken unit cannot hide another
#   BENCHES commands whose output `make bench` prints
# Chapters are discovered from the folders; adding chapter NN means adding
# its NN-slug folders, never editing this file.

SHELL    := /bin/sh
B        := build
CHAPTERS := $(patsubst chapters/%.md,%,$(sort $(wildcard chapters/[0-9][0-9]-*.md)))

ALL     :=
CHECKS  :=
BENCHES :=

# Runs a TAP-producing command and stores its TAP, adding a "not ok" line if
# the command dies, times out or breaks its plan.  Usage in a recipe:
#   $(TAP) NAME TIMEOUT OUTFILE command args...
TAP := tools/tap-run.sh

# Suites boot in parallel, one QEMU per job.
JOBS ?= $(shell nproc)

.PHONY: all setup everything check bench clean FORCE
.DEFAULT_GOAL := all

all: setup
	@$(MAKE) --no-print-directory -j$(JOBS) everything

setup:
	@tools/setup.sh

-include $(B)/kernels/versions.mk
include vm/vm.mk
include sim/sim.mk
include exercises/exercises.mk
include book/book.mk
include tools/tools.mk

# Last, so that it times a check whose parts are all built.
BENCHES += tools/bench-check.sh

everything: $(ALL)

check: setup
	@$(MAKE) --no-print-directory -j$(JOBS) everything
	@rm -rf $(B)/check
	@$(MAKE) --no-print-directory -j$(JOBS) -k $(CHECKS) || true
	@tools/tap-summary.sh $(CHECKS)

bench: setup
	@$(MAKE) --no-print-directory -j$(JOBS) everything
	@for b in $(BENCHES); do $$b || exit 1; done

clean:
	rm -rf $(B)

FORCE:
