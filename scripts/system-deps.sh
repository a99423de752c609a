#!/usr/bin/env bash
# System libraries the build and the tests need beyond Python packages.
# Installs them with apt-get when they are missing and we may (root, Debian);
# otherwise says what is missing and how to get it, and carries on.
set -u

missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

have_lib 'libpango-1.0.so' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# harfbuzz-subset makes WeasyPrint's font subsetting fast and deterministic.
have_lib 'libharfbuzz-subset.so' || missing+=(libharfbuzz-subset0)
# pdftotext/pdftoppm: looking at the PDFs (tests use pure-Python readers).
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# LibreOffice (headless): a real client that must read our redline DOCX and its tracked changes.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# Its UNO bridge for the system's Python: the test that has LibreOffice accept and reject every
# tracked change of a redline (tests/test_redline_uno.py, tests/uno_accept.py).
/usr/bin/python3 -c 'import uno' 2>/dev/null || missing+=(python3-uno)
command -v git >/dev/null 2>&1 || missing+=(git)
# Chromium and its WebDriver: the browser test of the live preview (`aktstykke watch`).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "system-deps: apt-get failed for: ${missing[*]}" >&2; exit 1; }
else
  echo "system-deps: missing ${missing[*]}; install them with your package manager" >&2
  echo "             (Debian/Ubuntu: sudo apt-get install ${missing[*]})" >&2
fi
