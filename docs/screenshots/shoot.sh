#!/bin/sh
# Take real-window screenshots of Attune Desktop under Xvfb, as a person would see it.
#   sh docs/screenshots/shoot.sh OUT.png [WIDTHxHEIGHT] [KEYS...]
# The README screenshots (demo content, a running session, the kiosk...) are taken in one go
# by shoot.py beside this file: .venv/bin/python docs/screenshots/shoot.py
# KEYS are xdotool key names sent to the window before the shot (e.g. ctrl+2 for Sessions).
# Needs: xvfb, xauth, xdotool, imagemagick (Debian packages). Uses a throwaway home.
set -eu
out=$1; size=${2:-1366x768}; shift; [ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
home=${SHOT_HOME:-$(mktemp -d)}
display=:${SHOT_DISPLAY:-97}
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display "$root/.venv/bin/attune-desktop" --home "$home" &
app=$!
for _ in $(seq 1 40); do
  win=$(DISPLAY=$display xdotool search --name "Attune Desktop" 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  sleep 0.5
done
[ -n "${win:-}" ] || { echo "no window appeared" >&2; exit 1; }
DISPLAY=$display xdotool windowsize "$win" "${size%x*}" "${size#*x}" windowmove "$win" 0 0
sleep 1
DISPLAY=$display xdotool windowfocus --sync "$win" 2>/dev/null || true
for key in "$@"; do DISPLAY=$display xdotool key "$key"; sleep 0.4; done
sleep 1
DISPLAY=$display import -window root "$out"
echo "$out"
