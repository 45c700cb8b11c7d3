#!/bin/sh
# Installs every Debian 12 package the project needs to build, test, fuzz,
# benchmark and look at itself. Run as root. Safe to run again.
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  build-essential pkg-config meson ninja-build gettext \
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libgtk-4-dev libgtk-4-bin \
  desktop-file-utils appstream \
  xvfb xauth x11-utils imagemagick poppler-utils \
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme hicolor-icon-theme \
  dbus-x11 at-spi2-core libxtst-dev \
  clang llvm libclang-rt-14-dev valgrind hyperfine

# Issue 13. Fonts for the scripts East London writes names in: Noto covers
# Bengali, Arabic and Urdu (Noto Nastaliq Urdu is in fonts-noto-core on
# Debian 12), Gujarati, Gurmukhi and the Latin of Polish, Lithuanian,
# Romanian, Turkish and Somali, so a printed note never shows empty boxes.
apt-get install -y -q --no-install-recommends fonts-noto-core

# Test only: the FHIR R4 check runs the official HL7 JSON schema through a
# JSON Schema validator on Node. Node may already come from elsewhere (it
# brings its own npm); otherwise Debian's.
command -v npm >/dev/null 2>&1 || apt-get install -y -q --no-install-recommends nodejs npm
# The versions and their hashes are pinned in tests/fhir/package-lock.json;
# npm ci installs exactly those, outside the checkout (tests/fhir/meson.build
# looks here), and runs no install scripts.
fhir_check=/var/cache/msk-mri-advisor/fhir-check
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$fhir_check"
cp "$top/tests/fhir/package.json" "$top/tests/fhir/package-lock.json" "$fhir_check/"
(cd "$fhir_check" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
