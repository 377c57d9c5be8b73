#!/usr/bin/env bash
# Makes this Debian / Raspberry Pi OS computer a Muster kiosk. Run it as the user that shows the screen, logged in to
# the desktop; it asks sudo for the system parts. The hub prints the one line that fetches and runs it.
#
#   bash install.sh [--ca ca.crt] [--no-packages] [--no-system] [--no-start] SCREEN_URL
#
#   SCREEN_URL     https://muster.local:8443/screen/ (the screen shows a code to pair it in the admin console),
#                  or a screen's own link from the admin console (…/screen/?id=…#token=…)
#   --ca FILE      the hub's authority (its ca.crt) to trust; needed when the hub uses its own, unless the
#                  system already trusts it
#   --no-packages  do not install chromium, curl and libnss3-tools (they must be there already)
#   --no-system    leave the system's certificate store alone (Chromium's store in ~/.pki/nssdb is still set)
#   --no-start     set everything up but do not start the screen now
#
# What it does: installs Chromium, curl and certutil if missing; trusts the authority in this user's Chromium store
# (~/.pki/nssdb) and the system's (/usr/local/share/ca-certificates); installs the launcher as
# ~/.local/bin/muster-kiosk, its settings in ~/.config/muster-kiosk/kiosk.env, a systemd user service that keeps it
# running and a desktop autostart entry that starts it at each login; then starts it. Running it again is safe.
set -euo pipefail

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

CA_FILE=""
PACKAGES=1
SYSTEM=1
START=1
URL=""
while [ $# -gt 0 ]; do
  case $1 in
    --ca) [ $# -ge 2 ] || fail "--ca needs a file"; CA_FILE=$2; shift 2 ;;
    --no-packages) PACKAGES=0; shift ;;
    --no-system) SYSTEM=0; shift ;;
    --no-start) START=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]:-/dev/null}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) fail "unknown option $1 (see --help)" ;;
    *) [ -z "$URL" ] || fail "give one screen address, not two"; URL=$1; shift ;;
  esac
done
[[ $URL =~ ^(https?)://([^/?#]+)(/.*)?$ ]] || fail "give the screen's address, e.g. https://muster.local:8443/screen/"
SCHEME=${BASH_REMATCH[1]}
ORIGIN="$SCHEME://${BASH_REMATCH[2]}"
HOST=${BASH_REMATCH[2]}
if [[ $HOST == \[* ]]; then HOST=${HOST%%]*}]; else HOST=${HOST%%:*}; fi
[ "$(id -u)" -ne 0 ] || say "Note: running as root sets up root's desktop; run it as the user that shows the screen."
if [ -n "$CA_FILE" ]; then
  [ -r "$CA_FILE" ] || fail "cannot read $CA_FILE"
  grep -q -- '-----BEGIN CERTIFICATE-----' "$CA_FILE" || fail "$CA_FILE is not a PEM certificate (the hub's ca.crt)"
  CA_FILE=$(realpath "$CA_FILE")
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

CONFIG_HOME=${XDG_CONFIG_HOME:-$HOME/.config}
STATE=${MUSTER_KIOSK_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/muster-kiosk}
BIN="$HOME/.local/bin/muster-kiosk"

# 1. Packages.
chromium_installed() { command -v chromium >/dev/null || command -v chromium-browser >/dev/null || [ -n "${MUSTER_KIOSK_CHROMIUM:-}" ]; }
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v certutil >/dev/null || missing+=(libnss3-tools)
chromium_installed || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$PACKAGES" = 1 ] || fail "missing: ${missing[*]} (install them, or leave out --no-packages)"
  say "Installing ${missing[*]}…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# 2. Trust the hub.
mkdir -p "$STATE" && chmod 700 "$STATE"
if [ "$SCHEME" = https ]; then
  if [ -n "$CA_FILE" ]; then
    install -m 0644 "$CA_FILE" "$STATE/ca.crt"
    NICKNAME="Muster hub $HOST"
    NSSDB="$HOME/.pki/nssdb"
    mkdir -p "$NSSDB" && chmod 700 "$NSSDB"
    [ -f "$NSSDB/cert9.db" ] || certutil -d "sql:$NSSDB" -N --empty-password
    certutil -d "sql:$NSSDB" -D -n "$NICKNAME" >/dev/null 2>&1 || true
    # C: a trusted authority for websites (SSL), nothing else.
    certutil -d "sql:$NSSDB" -A -t "C,," -n "$NICKNAME" -i "$STATE/ca.crt"
    say "Chromium's store ($NSSDB) trusts the hub's authority as \"$NICKNAME\"."
    if [ "$SYSTEM" = 1 ]; then
      as_root install -m 0644 "$STATE/ca.crt" "/usr/local/share/ca-certificates/muster-$HOST.crt"
      as_root update-ca-certificates >/dev/null
      say "The system's store trusts it too (/usr/local/share/ca-certificates/muster-$HOST.crt)."
    fi
  elif curl -fsS --max-time 10 -o /dev/null "$ORIGIN/healthz" 2>/dev/null; then
    say "The hub's certificate is already trusted here (the school's own): nothing to install."
  else
    fail "this computer does not trust the hub at $ORIGIN. Run the line the hub prints at start (it fetches ca.crt and checks it), or pass --ca with a copy of the hub's ca.crt."
  fi
else
  say "Warning: $ORIGIN is plain HTTP. This screen cannot cache itself: reloaded or rebooted while the hub is down, it"
  say "shows Chromium's error page instead of its last mode (the launcher brings it back once the hub answers)."
  say "Serve the hub over HTTPS (tls: auto, the default) to avoid this."
fi
CURL_TRUST=()
[ -f "$STATE/ca.crt" ] && [ "$SCHEME" = https ] && CURL_TRUST=(--cacert "$STATE/ca.crt")

# 3. The launcher and its service: from beside this script (a copy of config/kiosk/), else from the hub.
HERE=""
if [ -n "${BASH_SOURCE[0]:-}" ] && [ -f "${BASH_SOURCE[0]}" ]; then HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd); fi
fetch() {
  local name=$1 target=$2
  if [ -n "$HERE" ] && [ -f "$HERE/$name" ]; then
    cp "$HERE/$name" "$target.new"
  else
    curl -fsS --max-time 30 "${CURL_TRUST[@]}" -o "$target.new" "$ORIGIN/kiosk/$name" || fail "could not download $ORIGIN/kiosk/$name"
  fi
  mv "$target.new" "$target"
}
mkdir -p "$(dirname "$BIN")" "$CONFIG_HOME/systemd/user" "$CONFIG_HOME/autostart" "$CONFIG_HOME/muster-kiosk"
fetch muster-kiosk "$BIN"
chmod 755 "$BIN"
fetch muster-kiosk.service "$CONFIG_HOME/systemd/user/muster-kiosk.service"
umask 077
printf '# Settings of the Muster kiosk launcher (%s); written by install.sh.\nMUSTER_KIOSK_URL="%s"\n' "$BIN" "$URL" >"$CONFIG_HOME/muster-kiosk/kiosk.env"
umask 022
cat >"$CONFIG_HOME/autostart/muster-kiosk.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=Muster kiosk
Comment=Shows this computer's Muster screen full screen
Exec=$BIN --session
NoDisplay=true
X-GNOME-Autostart-enabled=true
EOF
say "Installed $BIN, its settings ($CONFIG_HOME/muster-kiosk/kiosk.env), the service"
say "($CONFIG_HOME/systemd/user/muster-kiosk.service) and the login autostart entry ($CONFIG_HOME/autostart/muster-kiosk.desktop)."
if command -v systemctl >/dev/null && systemctl --user daemon-reload 2>/dev/null; then
  :
else
  say "No systemd user session here: at login the autostart entry runs the launcher directly."
fi

# 4. Check, and start.
if [ "$SCHEME" = https ] && ! curl -fsS --max-time 10 -o /dev/null "${CURL_TRUST[@]}" "$ORIGIN/healthz" 2>/dev/null; then
  say "Warning: $ORIGIN/healthz does not answer from here (hub down, wrong name, or a certificate without that name)."
  say "The screen will show as soon as it does."
fi
if [ "$START" = 1 ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  # Its own session (setsid), so closing this terminal does not stop the screen.
  setsid -f "$BIN" --session >/dev/null 2>&1 </dev/null
  say "Started. The screen comes up in a few seconds."
elif [ "$START" = 1 ]; then
  say "Log in to the desktop (or reboot) and the screen starts."
fi
say "Logs: journalctl --user -u muster-kiosk -f.  Stop: systemctl --user stop muster-kiosk."
say "For an unattended screen also turn on automatic desktop login and turn off screen blanking"
say "(Raspberry Pi OS: sudo raspi-config, System Options, Boot / Auto Login; Display Options, Screen Blanking)."
