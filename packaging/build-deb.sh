#!/bin/sh
# Wrap a standalone folder build in a Debian package:
#   sh packaging/build-deb.sh dist/attune-desktop dist
# The app goes to /opt/attune-desktop, the commands to /usr/bin, and the menu entry, icons
# and bundle MIME type under /usr/share (dpkg's triggers refresh the desktop's caches).
set -eu
cd "$(dirname "$0")/.."
folder=$1
out=${2:-dist}
version=$("$folder/attune-desktop-cli" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
chmod 755 "$stage"

mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/DEBIAN"
cp -a "$folder" "$stage/opt/attune-desktop"
ln -s /opt/attune-desktop/attune-desktop "$stage/usr/bin/attune-desktop"
ln -s /opt/attune-desktop/attune-desktop-cli "$stage/usr/bin/attune-desktop-cli"
share="$stage/usr/share"
install -D -m 644 resources/linux/attune-desktop.desktop "$share/applications/attune-desktop.desktop"
install -D -m 644 resources/linux/attune-desktop-mime.xml "$share/mime/packages/attune-desktop.xml"
install -D -m 644 resources/icons/attune-desktop.svg "$share/icons/hicolor/scalable/apps/attune-desktop.svg"
for png in resources/icons/attune-desktop-*.png; do
  size=${png##*-}; size=${size%.png}
  install -D -m 644 "$png" "$share/icons/hicolor/${size}x${size}/apps/attune-desktop.png"
done
installed_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: attune-desktop
Version: $version
Architecture: $arch
Maintainer: Attune Desktop developers <attune-desktop@localhost>
Installed-Size: $installed_kb
Section: misc
Priority: optional
Depends: libc6 (>= 2.31), libglib2.0-0, libgl1, libegl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libdbus-1-3, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-randr0, libxcb-render-util0, libxcb-image0
Recommends: libpulse0, shared-mime-info, desktop-file-utils
Description: plan, run and print caregiver attunement circles, offline
 Attune Desktop is the facilitator's and organiser's tool for caregiver
 attunement circles: session agendas run live with a calm timer, somatic
 practices with a breathing pacer, anonymous check-ins, and printed
 picture-first routine sheets for families. Everything stays on the laptop.
CONTROL
deb="$out/attune-desktop_${version}_${arch}.deb"
# zstd: a little larger than xz, and minutes faster to build (dpkg reads it since Debian 12)
dpkg-deb --root-owner-group -Zzstd -z9 --build "$stage" "$deb" >/dev/null
echo "Built $deb ($(du -h "$deb" | cut -f1))"
