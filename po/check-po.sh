#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a translatable string in the sources is missing from sv.po, is
# fuzzy, or when a source file with translatable strings is not in POTFILES.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"

missing=$(grep -rlE '(^|[^A-Za-z_])(_|N_|C_|NC_|g_dngettext)\(|translatable="yes"' src ui data \
            --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' 2>/dev/null |
          grep -v '\.gresource\.xml$' | sort | while read -r f; do
            grep -qxF "$f" po/POTFILES || echo "$f"
          done)
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES:"; echo "$missing"; exit 1
fi

xgettext --from-code=UTF-8 --files-from=po/POTFILES --directory="$src" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --add-comments=Translators --output="$tmp/kravkoll.pot" 2>"$tmp/xgettext.err" || { cat "$tmp/xgettext.err"; exit 1; }
msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/sv.po" po/sv.po "$tmp/kravkoll.pot"
stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$tmp/sv.po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "Untranslated or fuzzy messages in po/sv.po:"
    msgattrib --untranslated --only-fuzzy --no-obsolete "$tmp/sv.po" 2>/dev/null | head -60
    msgattrib --untranslated --no-obsolete "$tmp/sv.po" | grep '^msgid' | head -60
    exit 1;;
esac
exit 0
