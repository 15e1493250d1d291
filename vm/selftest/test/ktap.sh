# targets: amd64
# The kernel's own tests (KUnit, kselftest) print KTAP: TAP with a version
# line and subtests indented under the test that sums them up.  The runner
# counts only the top level against the plan, so a suite may hand on such
# output as it is.
cat <<'KTAP'
KTAP version 1
1..2
    KTAP version 1
    # Subtest: inner
    1..3
    ok 1 inner one
    ok 2 inner two
    ok 3 inner three # SKIP not on this kernel
ok 1 inner
ok 2 outer
KTAP
