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
  dbus-x11 at-spi2-core \
  clang llvm libclang-rt-14-dev valgrind hyperfine
