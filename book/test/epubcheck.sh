#!/bin/sh
# TAP: the EPUB passes epubcheck with no error, and ideally no warning.
#
#   epubcheck.sh BOOK.epub
set -u
epub=$1
echo 1..2
# The jar itself: Debian's /usr/bin/epubcheck needs binfmt_misc.  A run
# this short is over before the JVM's optimising compiler and parallel
# collector pay off: without them it takes 5 CPU-seconds, not 12.
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/share/java/epubcheck.jar "$epub" >"$epub.check" 2>&1
sed 's/^/# /' "$epub.check"
summary=$(grep '^Messages:' "$epub.check")
case $summary in
*" 0 fatals / 0 errors "*) echo "ok 1 - epubcheck: no fatal error, no error" ;;
*) echo "not ok 1 - epubcheck: no fatal error, no error" ;;
esac
case $summary in
*" 0 warnings "*) echo "ok 2 - epubcheck: no warning" ;;
*) echo "not ok 2 - epubcheck: no warning" ;;
esac
