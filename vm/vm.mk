# The VM test machinery: build each folder of kernel code for both Debian
# kernels, pack one initramfs per folder and target, boot each suite.
# Chapters are found by their folders; the runner's own fixtures live in
# vm/selftest and go through exactly the same path.

VM_TARGETS := amd64 i386
VM_UNITS   := $(wildcard modules/[0-9][0-9]-*) vm/selftest
VM_SUITES  := $(sort $(wildcard $(addsuffix /test/*.sh,$(VM_UNITS))))
VM_RESULTS :=
VM_GUEST   := vm/mkinitramfs.sh vm/guest/init vm/guest/tap.sh

define vm_unit
$(B)/modules/$(1)/$(notdir $(2))/.built: $(wildcard $(2)/Kbuild $(2)/*.[ch] $(2)/test/*.c) \
		$(wildcard sim/$(notdir $(2))/*.[ch] sim/lib/*.[ch]) vm/build-unit.sh $(B)/kernels/$(1)/.abi
	@echo "  KBUILD  $(1) $(2)"
	@vm/build-unit.sh $(1) $(2) $$(@D)
$(B)/vm/$(1)/$(notdir $(2)).cpio: $(B)/modules/$(1)/$(notdir $(2))/.built \
		$(wildcard $(2)/test/*.sh sim/$(notdir $(2))/test/*/*) $(VM_GUEST)
	@mkdir -p $$(@D)
	@vm/mkinitramfs.sh $(1) $$@ $(B)/modules/$(1)/$(notdir $(2))
endef
$(foreach t,$(VM_TARGETS),$(foreach u,$(VM_UNITS),$(eval $(call vm_unit,$(t),$(u)))))

# Everything the chapters built, for an interactive VM.
VM_BOOK_UNITS = $(filter modules/%,$(VM_UNITS))
$(B)/vm/%/book.cpio: $(foreach u,$(VM_BOOK_UNITS),$(B)/modules/%/$(notdir $(u))/.built) $(VM_GUEST)
	@vm/mkinitramfs.sh $* $@ $(foreach u,$(VM_BOOK_UNITS),$(B)/modules/$*/$(notdir $(u)))

$(B)/vm/suites.mk: $(VM_SUITES) vm/suites.sh
	@mkdir -p $(@D)
	@vm/suites.sh $(VM_SUITES) >$@
include $(B)/vm/suites.mk

ALL          += $(VM_RESULTS)
BOOK_PREREQS += $(VM_RESULTS)

# Every module builds without a warning from gcc (W=1) or sparse (C=1).
CHECKS += $(B)/check/vm-clean-build.tap
$(B)/check/vm-clean-build.tap: $(foreach t,$(VM_TARGETS),$(foreach u,$(VM_UNITS),$(B)/modules/$(t)/$(notdir $(u))/.built)) FORCE
	@mkdir -p $(@D)
	@vm/clean-build.sh $(filter %.built,$^) >$@

# make vm-shell [TARGET=i386] [MEM=2G]: a VM with every chapter's modules
# loaded, on the serial console; `exit` powers it off.
# make vm-debug: the same, stopped at the first instruction with a gdb stub.
TARGET ?= amd64
MEM    ?= 1G
VM_INTERACTIVE = qemu-system-x86_64 -M pc -accel $(or $(ACCEL),tcg) -m $(MEM) \
	-bios /usr/share/qemu/qboot.rom -kernel $(B)/kernels/$(TARGET)/vmlinux \
	-initrd $(B)/vm/$(TARGET)/book.cpio -nographic -nic none -no-reboot \
	-append "console=ttyS0 quiet cryptomgr.notests no_timer_check panic=-1 shell"

.PHONY: vm-shell vm-debug
vm-shell: setup
	@$(MAKE) --no-print-directory $(B)/vm/$(TARGET)/book.cpio
	$(VM_INTERACTIVE)

vm-debug: setup
	@$(MAKE) --no-print-directory $(B)/vm/$(TARGET)/book.cpio
	@echo "In another terminal: gdb $(B)/kernels/$(TARGET)/vmlinux -ex 'target remote :1234'"
	$(VM_INTERACTIVE) -s -S

BENCHES += vm/bench.sh
