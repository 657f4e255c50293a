#!/usr/bin/env bash
# Extract translatable strings into the Dutch and English catalogues of every app.
#
# Source strings are written in Dutch (the site's default language and the
# language of the law and its vocabulary). The Dutch catalogue is therefore
# filled from the source strings automatically (msgen); the English catalogue
# is translated by hand. tests/site/test_translations.py fails when either
# catalogue has an untranslated or fuzzy entry.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py makemessages -l nl -l en --no-obsolete --no-location \
  --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=staticfiles --ignore='site/static/*' -v 0
for po in */locale/nl/LC_MESSAGES/django.po; do
  # Every Dutch msgstr is its msgid. Empty the translations first: msgmerge's fuzzy
  # guesses (the text of a similar msgid) would otherwise survive as real translations.
  msgfilter --keep-header -i "$po" sed -e d | msgen - | msgattrib --clear-fuzzy --clear-previous -o "$po.tmp" && mv "$po.tmp" "$po"
done
for po in */locale/en/LC_MESSAGES/django.po; do
  msgfmt --statistics -o /dev/null "$po" 2>&1 | sed "s|^|$po: |"
done
