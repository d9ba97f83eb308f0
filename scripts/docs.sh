#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the documentation (Documentation/, Sphinx) as HTML into
# build/htmldocs:
#   docs.sh           `make htmldocs`
#   docs.sh --check   the make check step: every Sphinx or kernel-doc
#                     warning is an error; one test case
# kernel-doc and its Sphinx extension come from a Linux 6.12 source tree:
# $AXA_KSRC if set, else the cached one (scripts/ksrc.sh extracts it).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

check=0
[ "${1:-}" = --check ] && check=1
if [ -z "${AXA_KSRC:-}" ]; then
	"$AXA_SCRIPTS/ksrc.sh"
	AXA_KSRC=$(axa_ksrc)
fi
export AXA_KSRC
if [ ! -x "$AXA_KSRC/scripts/kernel-doc" ]; then
	echo "error: no Linux source tree at $AXA_KSRC (scripts/kernel-doc)" >&2
	exit 1
fi
if ! command -v sphinx-build >/dev/null; then
	echo "error: sphinx-build not found (apt-get install python3-sphinx)" >&2
	exit 1
fi

html=$AXA_REPO/build/htmldocs
log=$AXA_OUT/docs.log
mkdir -p "$AXA_OUT"
rm -rf "$html"
rc=0
# kernel-doc's own warnings go to stderr, not through Sphinx: they are
# collected in the log and count as warnings too.
sphinx-build -b html -W --keep-going -q -d "$html/.doctrees" \
	"$AXA_REPO/Documentation" "$html" > "$log" 2>&1 || rc=1
[ -s "$log" ] && rc=1
cat "$log"
if [ "$rc" -eq 0 ]; then
	echo "HTML in $html/index.html"
else
	echo "documentation build failed or warned (log: $log)"
fi
[ "$check" -eq 0 ] || axa_result docs "$((1 - rc))" "$rc"
[ "$rc" -eq 0 ]
