#!/bin/sh
# A fixture for book/test/include.sh: output on both streams, and an exit
# status chosen by the caller.
# @region say
echo "out: ${1:-nothing}"
echo "err: to stderr" >&2
# @end say
exit "${2:-0}"
