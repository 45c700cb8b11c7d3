#!/bin/sh
# Fails when a source file marks strings for translation but is missing
# from po/POTFILES.in, or when POTFILES.in names a file that is gone:
# either way translators would silently lose strings.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^[[:space:]]*$/d')
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done
marked=$( { grep -rlE '(^|[^A-Za-z0-9_])(N_|C_|NC_|_)\("' src --include='*.c' --include='*.h' || true
            grep -rl 'translatable="yes"' ui data --include='*.ui' --include='*.xml' --include='*.in' || true
            grep -rl '<summary>' data --include='*.gschema.xml' || true
            grep -rl '<name>' data --include='*.metainfo.xml.in' || true; } | sort -u)
for f in $marked; do
  if ! printf '%s\n' $listed | grep -qxF "$f"; then
    echo "$f has strings marked for translation but is not in po/POTFILES.in"
    status=1
  fi
done
[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(printf '%s\n' $marked | wc -l) files with translatable strings"
exit $status
