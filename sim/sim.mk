# SPDX-License-Identifier: GPL-2.0
#
# The user-space simulations.  One pattern for every chapter; adding
# sim/NN-slug/ is enough, this file names no chapter.
#
# Every sim/NN-slug/NAME.c is one program, linked with sim/lib/*.c, built
# three ways:
#   build/sim/NN-slug/NAME         -O2: what the book runs and `make bench` times
#   build/sim-san/NN-slug/NAME     ASan + UBSan: what the tests run
#   build/sim-static/NN-slug/NAME  static -O2: replays against the real
#                                  kernel (the VM builds its own the same way)
# Headers next to the sources are tracked (-MMD) and found with <>
# (-I of the source's folder), so that an exercise can put its own first.
#
# Tests, run from the top directory with SIM=build/sim-san/NN-slug (and
# SIM_PLAIN, SIM_STATIC for the other two builds):
#   sim/NN-slug/test/NAME.sh   POSIX sh printing TAP
#   sim/NN-slug/test/NAME.c    a C program printing TAP, built like the
#                              sims into build/sim-san/NN-slug/test/NAME
# each into build/check/sim-NN-slug-NAME.tap; sim/lib/test/ works the same
# way (build/check/sim-lib-NAME.tap).  Any sanitizer report fails a test:
# the sanitizers exit with status 99, which no test expects.
# sim/NN-slug/bench.sh, if present, is a benchmark for `make bench`.
# build/check/sim-format.tap: every C file of sim/ is clang-format clean.

SIM_CFLAGS   := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror \
		-Isim/lib -MMD -MP
SIM_OPT      := -O2
SIM_SAN      := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
		-fno-sanitize-recover=all
SIM_ENV      := ASAN_OPTIONS=exitcode=99:detect_leaks=1 \
		UBSAN_OPTIONS=exitcode=99:halt_on_error=1:print_stacktrace=1
SIM_TIMEOUT  := 300

SIM_LIB_SRC  := $(wildcard sim/lib/*.c)
SIM_PROG_SRC := $(wildcard sim/[0-9][0-9]-*/*.c)
SIM_TEST_SRC := $(wildcard sim/[0-9][0-9]-*/test/*.c sim/lib/test/*.c)
SIM_TESTS    := $(wildcard sim/[0-9][0-9]-*/test/*.sh sim/lib/test/*.sh) \
		$(SIM_TEST_SRC)

SIM_LIB_O    := $(SIM_LIB_SRC:sim/%.c=$(B)/sim/%.o)
SIM_LIB_SAN  := $(SIM_LIB_SRC:sim/%.c=$(B)/sim-san/%.o)
SIM_PROGS    := $(SIM_PROG_SRC:sim/%.c=$(B)/sim/%)
SIM_STATIC   := $(SIM_PROG_SRC:sim/%.c=$(B)/sim-static/%)
SIM_SANS     := $(SIM_PROG_SRC:sim/%.c=$(B)/sim-san/%) \
		$(SIM_TEST_SRC:sim/%.c=$(B)/sim-san/%)

$(B)/sim/%.o: sim/%.c
	@mkdir -p $(@D)
	$(CC) $(SIM_CFLAGS) -I$(<D) $(SIM_OPT) -c -o $@ $<

$(B)/sim-san/%.o: sim/%.c
	@mkdir -p $(@D)
	$(CC) $(SIM_CFLAGS) -I$(<D) $(SIM_SAN) -c -o $@ $<

$(SIM_PROGS): $(B)/sim/%: $(B)/sim/%.o $(SIM_LIB_O)
	$(CC) $(SIM_OPT) -o $@ $^

$(SIM_STATIC): $(B)/sim-static/%: $(B)/sim/%.o $(SIM_LIB_O)
	@mkdir -p $(@D)
	$(CC) -static $(SIM_OPT) -o $@ $^

$(SIM_SANS): $(B)/sim-san/%: $(B)/sim-san/%.o $(SIM_LIB_SAN)
	$(CC) $(SIM_SAN) -o $@ $^

-include $(patsubst %,%.d,$(SIM_PROGS) $(SIM_SANS)) \
	$(SIM_LIB_O:.o=.d) $(SIM_LIB_SAN:.o=.d)

ALL          += $(SIM_PROGS) $(SIM_STATIC) $(SIM_SANS)
BOOK_PREREQS += $(SIM_PROGS)

# sim_test TEST-FILE DIR NAME: DIR is NN-slug or lib.  A test depends on
# every build of its directory; a .sh runs under sh, a .c program directly.
define sim_test
$(B)/check/sim-$(2)-$(3).tap: FORCE $(filter $(B)/sim/$(2)/%,$(SIM_PROGS)) \
		$(filter $(B)/sim-static/$(2)/%,$(SIM_STATIC)) \
		$(filter $(B)/sim-san/$(2)/%,$(SIM_SANS))
	@SIM=$(B)/sim-san/$(2) SIM_PLAIN=$(B)/sim/$(2) \
		SIM_STATIC=$(B)/sim-static/$(2) $(SIM_ENV) \
		$(TAP) sim-$(2)-$(3) $(SIM_TIMEOUT) $$@ \
		$(if $(filter %.sh,$(1)),sh $(1),$(B)/sim-san/$(2)/test/$(3))
CHECKS += $(B)/check/sim-$(2)-$(3).tap
endef
$(foreach t,$(SIM_TESTS),$(eval $(call sim_test,$(t),$(word 2,$(subst /, ,$(t))),$(basename $(notdir $(t))))))

CHECKS += $(B)/check/sim-format.tap
$(B)/check/sim-format.tap: FORCE
	@$(TAP) sim-format 60 $@ sim/check-format.sh

BENCHES += $(wildcard sim/[0-9][0-9]-*/bench.sh)
