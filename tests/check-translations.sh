#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every translation in po/LINGUAS is valid and complete against the strings
# the sources have now: a new string without a translation fails here.
# Prints TAP.
#
# Usage: check-translations.sh SOURCE-ROOT

set -eu
src="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

grep -v '^#' "$src/po/POTFILES" | grep . > "$tmp/files"
xgettext --files-from="$tmp/files" --directory="$src" --from-code=UTF-8 \
  --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --output="$tmp/current.pot" 2> "$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }

n=0
failed=0
for lang in $(grep -v '^#' "$src/po/LINGUAS"); do
  n=$((n + 1))
  msgmerge --quiet "$src/po/$lang.po" "$tmp/current.pot" -o "$tmp/$lang.po"
  stats="$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)" || { echo "not ok $n $lang"; echo "# $stats"; failed=1; continue; }
  case "$stats" in
    *untranslated*|*fuzzy*) echo "not ok $n $lang is complete"; echo "# $stats"; failed=1 ;;
    *) echo "ok $n $lang is complete ($stats)" ;;
  esac
done
echo "1..$n"
exit "$failed"
