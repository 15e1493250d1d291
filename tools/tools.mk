# The tools' own tests: each tools/test/NAME.sh prints TAP, given a work
# folder of its own.
TOOLS_TESTS := $(basename $(notdir $(wildcard tools/test/*.sh)))
CHECKS += $(TOOLS_TESTS:%=$(B)/check/tools-%.tap)
$(B)/check/tools-%.tap: tools/test/%.sh FORCE
	@$(TAP) tools-$* 60 $@ sh tools/test/$*.sh $(B)/test/tools-$*
