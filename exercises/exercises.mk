# SPDX-License-Identifier: GPL-2.0
#
# Exercises: a student's self-check, personal problem sets, and batch
# grading.  One pattern for every chapter: each
# exercises/NN-slug/NN.K-name/manifest is an exercise (its format is in
# exercises/README.md); this file names none.
#
#   make check-exercise EX=01.3 [STUDENT=id]
#       grade your copy (the files in the exercise's folder) and say why
#       each test failed; STUDENT seeds numeric exercises
#   make problems STUDENT=id [ANSWERS=1]
#       your problem in each numeric exercise (ANSWERS=1: their answers,
#       for the instructor)
#   make grade SUBMISSIONS=dir [GRADES=dir]
#       every folder of dir is a student's submission; grades go to
#       build/grades/ (or GRADES): gradebook.csv, and per student
#       report.txt, results.json; parallel under -j, one job per student
#       and exercise
# make check grades exercises/fixtures (tools/grade-fixtures.sh).

EX_MANIFESTS := $(sort $(wildcard exercises/[0-9][0-9]-*/[0-9][0-9].[0-9]*-*/manifest))

$(B)/exercises/index.mk: $(EX_MANIFESTS) tools/manifest.awk
	@mkdir -p $(@D)
	@awk -v mk=1 -f tools/manifest.awk $(or $(EX_MANIFESTS),/dev/null) >$@.tmp
	@mv $@.tmp $@
include $(B)/exercises/index.mk

JAIL := $(B)/tools/grade-jail
$(JAIL): tools/grade-jail.c
	@mkdir -p $(@D)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<
ALL += $(JAIL)

# The uids the jail takes, one per job at a time, when grading runs as root.
GRADE_UIDS ?= 1900000000-1900009999
GRADE_ENV   = JAIL=$(JAIL) GRADE_UIDS=$(GRADE_UIDS) CC='$(CC)' \
	SIM_CFLAGS='$(filter-out -MMD -MP,$(SIM_CFLAGS))' SIM_SAN='$(SIM_SAN)' \
	$(SIM_ENV)
# What a job needs built: the jail, the reference sims (a numeric problem's
# calculator, a sim exercise's reference); the kernels come with setup.
GRADE_PREREQS = $(JAIL) $(SIM_PROGS)

# ---- make check-exercise EX=NN.K [STUDENT=id]
.PHONY: check-exercise check-exercise-run
check-exercise: setup
	@$(MAKE) --no-print-directory check-exercise-run

check-exercise-run: $(GRADE_PREREQS)
	@$(GRADE_ENV) tools/check-exercise.sh '$(EX)' '$(STUDENT)' $(B)/exercise \
		$(foreach e,$(EX_IDS),$(e)=$(EX_$(e)_DIR))

# ---- make problems STUDENT=id [ANSWERS=1]
.PHONY: problems
problems: $(SIM_PROGS)
	@tools/problems.sh '$(STUDENT)' '$(ANSWERS)' $(foreach e,$(EX_IDS),$(if $(filter numeric,$(EX_$(e)_KIND)),$(EX_$(e)_DIR)))

# ---- make grade SUBMISSIONS=dir [GRADES=dir]
G := $(or $(GRADES),$(B)/grades)
ifneq ($(filter grade grade-batch,$(MAKECMDGOALS)),)
ifeq ($(wildcard $(SUBMISSIONS)/.),)
$(error grade: SUBMISSIONS=$(SUBMISSIONS) is not a folder (give one folder per student in it))
endif
GRADE_BAD := $(shell ls -A '$(SUBMISSIONS)' | grep -v '^[A-Za-z0-9][A-Za-z0-9._-]*$$' | head -n 1)
ifneq ($(GRADE_BAD),)
$(error grade: $(SUBMISSIONS)/$(GRADE_BAD): a student's folder name has only letters, digits, '.', '_' and '-')
endif
GRADE_STUDENTS := $(sort $(notdir $(patsubst %/.,%,$(wildcard $(SUBMISSIONS)/*/.))))
endif

# grade_job STUDENT EX-ID: never fails, so that one broken job cannot stop
# the batch: its error is in the student's report.
define grade_job
$(G)/$(1)/$(2)/result.tsv: FORCE $(GRADE_PREREQS)
	@echo "  GRADE   $(1) $(2)"
	@mkdir -p $(G)/$(1)
	@$(GRADE_ENV) tools/grade.sh $(EX_$(2)_DIR) $(SUBMISSIONS)/$(1) $(G)/$(1)/$(2) $(1) \
		2>$(G)/$(1)/$(2).err || true
$(G)/$(1)/report.txt: $(G)/$(1)/$(2)/result.tsv
endef
$(foreach s,$(GRADE_STUDENTS),$(foreach e,$(EX_IDS),$(eval $(call grade_job,$(s),$(e)))))

$(G)/%/report.txt:
	@tools/grade-report.sh $(G)/$* $* $(EX_IDS)

$(G)/gradebook.csv: $(foreach s,$(GRADE_STUDENTS),$(G)/$(s)/report.txt)
	@tools/gradebook.sh $@ $(EX_IDS) -- $(GRADE_STUDENTS)
	@echo "Graded $(words $(GRADE_STUDENTS)) submissions: $@, and $(G)/STUDENT/report.txt, results.json"

.PHONY: grade grade-batch
grade: setup
	@$(MAKE) --no-print-directory grade-batch
grade-batch: $(G)/gradebook.csv

# The fixtures batch: the reference solutions, the starters and hostile
# submissions, graded as `make grade` would, in a folder of their own.
CHECKS += $(B)/check/exercises-fixtures.tap
$(B)/check/exercises-fixtures.tap: FORCE $(GRADE_PREREQS)
	@$(TAP) exercises-fixtures 900 $@ env MAKE='$(MAKE)' B=$(B) \
		GRADE_UIDS=$(GRADE_UIDS) tools/grade-fixtures.sh $(EX_IDS)

BENCHES += tools/bench-grade.sh
