#!/usr/bin/env bash
# Installs what the test suite needs beyond `npm ci`, so `npm ci && npm test` works on a fresh
# Debian 12 machine: the real servers the sink tests talk to (InfluxDB 1.6, VictoriaMetrics,
# Prometheus, from Debian apt), kubectl 1.20 extracted into .cache/ (Debian's kubernetes-client
# package would collide with the Cloud SDK's /usr/bin/kubectl), and a check that a newer kubectl
# is present. Idempotent and silent when everything is already there; exits non-zero when
# something is missing and cannot be installed, because a missing server is a failing test.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache="$root/.cache"
apt_log="$cache/test-prereqs-apt.log"
k120_dir="$cache/kubectl-1.20"
k120="$k120_dir/root/usr/bin/kubectl"

mkdir -p "$cache"
# Two test runs at once (a developer and an editor plugin, say) must not extract over each other.
exec 9>"$cache/test-prereqs.lock"
flock 9

say() { echo "test-prereqs: $*" >&2; }
die() {
  echo "test-prereqs: ERROR: $*" >&2
  exit 1
}

# apt needs root; a non-root developer machine or CI runner uses (passwordless) sudo.
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "not root and sudo is missing: cannot apt-get install"
  sudo_cmd=(sudo -n)
fi
as_root() { "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive "$@"; }

apt_updated=0
apt_update() {
  [ "$apt_updated" = 1 ] && return 0
  apt_updated=1
  say "apt-get update"
  # A broken third-party source must not stop us: the install below is what decides.
  as_root apt-get update -q >>"$apt_log" 2>&1 || say "apt-get update reported errors (see $apt_log)"
}

# --- 1. Servers from Debian apt -------------------------------------------------------------
# binary -> package
declare -A wanted=([influxd]=influxdb [influx]=influxdb-client [victoria-metrics]=victoria-metrics [prometheus]=prometheus)
missing=()
for bin in influxd influx victoria-metrics prometheus; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("${wanted[$bin]}")
done

services_policy_added=0
cleanup_policy() {
  if [ "$services_policy_added" = 1 ]; then
    as_root rm -f /usr/sbin/policy-rc.d
    services_policy_added=0
  fi
}
trap cleanup_policy EXIT

apt_install() {
  as_root apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" >>"$apt_log" 2>&1
}

if [ "${#missing[@]}" -gt 0 ]; then
  mkdir -p "$cache"
  : >"$apt_log"
  say "installing ${missing[*]} (log: $apt_log)"
  # Package scripts must not start the services (tests start their own on free ports). Docker
  # images usually carry a policy-rc.d that forbids it; add one for the install if absent.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    services_policy_added=1
  fi
  apt_update
  if ! apt_install "${missing[@]}"; then
    say "apt-get install failed; retrying once after a fresh apt-get update"
    sleep 3
    apt_updated=0
    apt_update
    apt_install "${missing[@]}" || {
      tail -n 20 "$apt_log" >&2
      die "could not install ${missing[*]} with apt-get (full log: $apt_log)"
    }
  fi
  cleanup_policy
  # Belt and braces on systemd hosts: the packages enable their units; stop what got started.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    for unit in influxdb victoria-metrics prometheus; do
      if systemctl is-active --quiet "$unit" 2>/dev/null; then
        say "stopping and disabling $unit.service started by its package"
        as_root systemctl disable --now "$unit" >/dev/null 2>&1 || true
      fi
    done
  fi
  for bin in influxd influx victoria-metrics prometheus; do
    command -v "$bin" >/dev/null 2>&1 || die "$bin is still missing after installing ${wanted[$bin]}"
  done
  say "installed: $(dpkg-query -W -f='${Package} ${Version}, ' "${missing[@]}" | sed 's/, $//')"
fi

# --- 2. kubectl 1.20, extracted (not installed) into .cache/ ----------------------------------
client_version() { KUBECONFIG=/nonexistent "$1" version --client 2>/dev/null || true; }
k120_ok() { [ -x "$k120" ] && [[ "$(client_version "$k120")" == *'GitVersion:"v1.20.'* ]]; }

if [ -n "${KUBECTL_120:-}" ]; then
  # An explicit choice is checked, never replaced.
  [[ "$(client_version "$KUBECTL_120")" == *'GitVersion:"v1.20.'* ]] ||
    die "KUBECTL_120=$KUBECTL_120 does not report client version v1.20 (unset it to use .cache/kubectl-1.20)"
elif ! k120_ok; then
  say "extracting kubectl 1.20 from Debian's kubernetes-client into ${k120_dir#"$root"/}"
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/kubectl-1.20.tmp.XXXXXX")
  # apt-get download needs no root; as root, skip the _apt sandbox (it cannot write here).
  dl_opts=()
  [ "$(id -u)" -eq 0 ] && dl_opts=(-o APT::Sandbox::User=root)
  download() { (cd "$work" && apt-get download -q "${dl_opts[@]}" kubernetes-client >>"$apt_log" 2>&1); }
  if ! download; then
    apt_updated=0
    apt_update
    download || {
      rm -rf "$work"
      die "apt-get download kubernetes-client failed (log: $apt_log)"
    }
  fi
  dpkg-deb -x "$work"/kubernetes-client_*.deb "$work/root" || die "dpkg-deb -x failed on $(ls "$work"/*.deb)"
  rm -rf "$k120_dir"
  mkdir -p "$k120_dir"
  mv "$work/root" "$k120_dir/root"
  rm -rf "$work"
  k120_ok || die "$k120 does not report client version v1.20"
  say "kubectl 1.20 ready: $k120"
fi

# --- 3. The newest preinstalled kubectl (Cloud SDK kubectl.1.NN, else a plain kubectl) --------
# Mirrors findKubectl('newest') in packages/testing.
newest_kubectl() {
  if [ -n "${KUBECTL_NEW:-}" ]; then
    echo "$KUBECTL_NEW"
    return
  fi
  local dirs=() on_path d best
  on_path=$(command -v kubectl 2>/dev/null || true)
  [ -n "$on_path" ] && dirs+=("$(dirname "$(readlink -f "$on_path")")")
  dirs+=(/usr/lib/google-cloud-sdk/bin /usr/share/google-cloud-sdk/bin /opt/google-cloud-sdk/bin "${HOME:-/root}/google-cloud-sdk/bin")
  for d in "${dirs[@]}"; do
    best=$({ find "$d" -maxdepth 1 -name 'kubectl.1.*' -perm -u+x 2>/dev/null || true; } | sort -V | tail -n 1)
    if [ -n "$best" ]; then
      echo "$best"
      return
    fi
  done
  # Last resort, slower: ask gcloud where its SDK lives.
  if command -v gcloud >/dev/null 2>&1; then
    d="$(gcloud info --format='value(installation.sdk_root)' 2>/dev/null || true)/bin"
    best=$({ find "$d" -maxdepth 1 -name 'kubectl.1.*' -perm -u+x 2>/dev/null || true; } | sort -V | tail -n 1)
    [ -n "$best" ] && { echo "$best"; return; }
  fi
  # No Cloud SDK (e.g. a CI runner with kubectl from dl.k8s.io): a plain kubectl will do.
  [ -n "$on_path" ] && echo "$(readlink -f "$on_path")"
}

knew=$(newest_kubectl)
[ -z "${KUBECTL_NEW:-}" ] || [ -x "$KUBECTL_NEW" ] || die "KUBECTL_NEW=$KUBECTL_NEW is not an executable file"
[ -n "$knew" ] && [ -x "$knew" ] ||
  die "no newer kubectl found: expected the Cloud SDK's kubectl.1.NN (e.g. /usr/lib/google-cloud-sdk/bin/kubectl.1.33) or a kubectl on PATH; set KUBECTL_NEW=/path/to/kubectl to choose one"
new_minor=""
[[ "$(client_version "$knew")" =~ v1\.([0-9]+)\. ]] && new_minor=${BASH_REMATCH[1]}
[ -n "$new_minor" ] && [ "$new_minor" -gt 20 ] ||
  die "$knew does not report a client version newer than 1.20; the tests need a kubectl newer than 1.20 (set KUBECTL_NEW)"
exit 0
