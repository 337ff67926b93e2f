# shellcheck shell=bash
# smb.sh - test harness: a private Samba server on 127.0.0.1 plus smbnetfs
# (FUSE) client mounts, one per kiosk account. Source it from a bash test
# running with `set -euo pipefail`:
#
#   . /work/harness/smb.sh
#   ROOT=$(mktemp -d); trap smb_cleanup EXIT
#   smb_start "$ROOT"
#   s1=$(smb_mount 1 "$ROOT/m1")           # kiosk wofk1 -> $ROOT/m1/127.0.0.1/wof
#   smb_add_readonly_account wofdeny
#   sd=$(smb_mount_as_user x "$ROOT/md" wofdeny)
#   smb_server_stop; ...; smb_server_start
#
# Needs root, /dev/fuse, packages samba smbclient smbnetfs fuse3.
# Everything (config, tdbs, logs, pids, client HOMEs) lives under ROOT.
# Call smb_start in the test's own shell (not in $(...)): it sets SMB_ROOT.
# SMB_NETFS_DEBUG=6 before smb_mount -> ROOT/home/<tag>/smbnetfs.log.
#
# Measured smbnetfs 0.6.3 / libsmbclient 4.17 behaviour (see report):
#  - open(..., O_APPEND) fails with EIO after ~4 s of retries, and the mount
#    answers EIO to everything for ~0.6 s afterwards. Python open(f, "a")
#    and shell ">>" hit this. Use O_WRONLY + lseek(END) instead.
#  - O_CREAT|O_EXCL is NOT atomic across clients (FUSE create -> mknod,
#    which does not send FILE_CREATE); only mkdir() is an atomic claim.
#  - link() -> EPERM, symlink() -> ENOSYS; rename() replaces the target.
#  - server down -> EIO (stat of the share dir itself still succeeds);
#    no write permission -> EACCES.

SMB_ROOT=""            # set by smb_start
SMB_PW="pw"            # password of every account created here
SMB_GROUP="wofgrp"     # shared unix group of the kiosk accounts
SMB_HOST="127.0.0.1"
SMB_SHARE="wof"
# FUSE options of every mount. Kernel caches off (attr/entry/negative
# timeouts 0) so changes made through another client are seen at once;
# direct_io: no page cache, reads/writes always go to the server.
: "${SMB_FUSE_OPTS:=attr_timeout=0,entry_timeout=0,negative_timeout=0,ac_attr_timeout=0,direct_io,allow_other}"

_smb_die() { echo "smb.sh: $*" >&2; return 1; }

# _smb_wait SECONDS CMD... : retry CMD every 0.1 s until it succeeds or time is up.
_smb_wait() {
  local secs=$1; shift
  local end=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < end)) || return 1
    sleep 0.1
  done
}

_smb_port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$SMB_HOST/445" 2>/dev/null; }
_smb_port_closed() { ! _smb_port_open; }
_smb_all_dead() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null && return 1; done; return 0; }

# _smb_user NAME [GROUP] : local unix user (no home, no shell) + samba account.
_smb_user() {
  local name=$1 group=${2:-}
  if ! id -u "$name" >/dev/null 2>&1; then
    if [[ -n $group ]]; then
      useradd -M -N -g "$group" -s /usr/sbin/nologin "$name"
    else
      useradd -M -U -s /usr/sbin/nologin "$name"
    fi
  fi
  # tdbsam under ROOT/private; -t reads the password twice from stdin.
  printf '%s\n%s\n' "$SMB_PW" "$SMB_PW" |
    pdbedit -s "$SMB_ROOT/smb.conf" -a -t -u "$name" >>"$SMB_ROOT/log/pdbedit.log" 2>&1 ||
    _smb_die "pdbedit -a $name failed, see $SMB_ROOT/log/pdbedit.log"
}

# smb_start ROOT : write ROOT/smb.conf, create accounts wofk1..4, start smbd.
smb_start() {
  SMB_ROOT=$(realpath "${1:?usage: smb_start ROOT}")
  local d
  for d in private lock state cache pid log export home; do mkdir -p "$SMB_ROOT/$d"; done
  getent group "$SMB_GROUP" >/dev/null || groupadd "$SMB_GROUP"
  # Export dir: group wofgrp, setgid so everything below inherits the group.
  # "other" gets r-x only -> an account outside wofgrp can read but not create.
  chown root:"$SMB_GROUP" "$SMB_ROOT/export"
  chmod 2775 "$SMB_ROOT/export"
  # ROOT itself must be traversable by the unprivileged users smbd switches to.
  chmod 755 "$SMB_ROOT"

  cat >"$SMB_ROOT/smb.conf" <<EOF
[global]
  server role = standalone server
  workgroup = WORKGROUP
  netbios name = WOFTEST
  interfaces = lo
  bind interfaces only = yes
  smb ports = 445
  disable netbios = yes
  private dir = $SMB_ROOT/private
  lock directory = $SMB_ROOT/lock
  state directory = $SMB_ROOT/state
  cache directory = $SMB_ROOT/cache
  pid directory = $SMB_ROOT/pid
  ncalrpc dir = $SMB_ROOT/lock/ncalrpc
  log file = $SMB_ROOT/log/log.%m
  max log size = 0
  log level = 1
  passdb backend = tdbsam
  map to guest = never
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  obey pam restrictions = no
  unix password sync = no

[$SMB_SHARE]
  path = $SMB_ROOT/export
  read only = no
  browseable = yes
  strict sync = yes
  # Sharing between kiosks:
  #  - files are created as the connecting user (wofkN), so ownership is real;
  #  - "force group = +wofgrp" forces group wofgrp, but ONLY for users that are
  #    already members (the '+'), so a non-member (wofdeny) keeps its own
  #    identity and is refused writes by plain unix permissions;
  #  - masks make every new file group-writable and every new dir
  #    group-writable + setgid, so any kiosk can write/rename/delete files and
  #    subfolders made by any other kiosk. "inherit permissions" is not used:
  #    it would copy a parent's mode verbatim and can drop group write.
  force group = +$SMB_GROUP
  create mask = 0664
  force create mode = 0660
  directory mask = 2775
  force directory mode = 2770
EOF
  local i
  for i in 1 2 3 4; do _smb_user "wofk$i" "$SMB_GROUP"; done
  smb_server_start
}

# smb_server_start : start smbd (daemon) and wait <=20 s for 127.0.0.1:445.
smb_server_start() {
  [[ -n $SMB_ROOT ]] || _smb_die "smb_start not called" || return 1
  if _smb_port_open; then return 0; fi
  smbd -D -s "$SMB_ROOT/smb.conf" ||
    _smb_die "smbd failed to start, see $SMB_ROOT/log" || return 1
  _smb_wait 20 _smb_port_open ||
    _smb_die "smbd not accepting on $SMB_HOST:445 after 20 s (log: $SMB_ROOT/log/log.smbd)" || return 1
  # port open is not enough: wait for a real authenticated tree connect
  _smb_wait 20 timeout 5 smbclient -s "$SMB_ROOT/smb.conf" "//$SMB_HOST/$SMB_SHARE" \
    -U "wofk1%$SMB_PW" -c ls ||
    _smb_die "smbd up but //$SMB_HOST/$SMB_SHARE unusable after 20 s" || return 1
}

# _smb_pids : pids of smbd processes started from our smb.conf
_smb_pids() {
  [[ -n $SMB_ROOT ]] || return 0
  pgrep -f -- "smbd -D -s $SMB_ROOT/smb.conf" || true
  # children are forked and keep argv; also the pid file
  if [[ -f $SMB_ROOT/pid/smbd.pid ]]; then cat "$SMB_ROOT/pid/smbd.pid"; fi
}

# smb_server_stop : outage. Kill smbd (parent + all client children); mounts stay.
smb_server_stop() {
  local pids
  pids=$(_smb_pids | sort -u)
  [[ -n $pids ]] || return 0
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  # shellcheck disable=SC2086
  _smb_wait 10 _smb_all_dead $pids || {
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
  }
  # children serving connections exit when the parent dies; make sure
  pids=$(_smb_pids | sort -u)
  # shellcheck disable=SC2086
  [[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
  rm -f "$SMB_ROOT/pid/smbd.pid"
  _smb_wait 10 _smb_port_closed || true
}

# smb_add_readonly_account NAME : unix user NOT in wofgrp + samba account.
# It can connect and read the share, but unix perms (export is 2775
# root:wofgrp, new files 0664, dirs 2775) refuse creates -> EACCES on client.
smb_add_readonly_account() {
  [[ -n $SMB_ROOT ]] || _smb_die "smb_start not called" || return 1
  _smb_user "${1:?usage: smb_add_readonly_account NAME}"
}

# smb_mount_as_user TAG MOUNTPOINT ACCOUNT : smbnetfs mount as ACCOUNT
# (password $SMB_PW) using its own HOME ROOT/home/TAG. Echoes share root.
smb_mount_as_user() {
  local tag=${1:?usage: smb_mount_as_user TAG MOUNTPOINT ACCOUNT}
  local mnt=${2:?mountpoint} acct=${3:?account}
  [[ -n $SMB_ROOT ]] || _smb_die "smb_start not called" || return 1
  local home="$SMB_ROOT/home/$tag"
  mkdir -p "$home/.smb" "$home/cache" "$mnt"
  mnt=$(realpath "$mnt")
  # libsmbclient reads ~/.smb/smb.conf (instead of /etc/samba/smb.conf);
  # keep its caches/locks out of /var.
  cat >"$home/.smb/smb.conf" <<EOF
[global]
  workgroup = WORKGROUP
  lock directory = $home/cache
  state directory = $home/cache
  cache directory = $home/cache
  private dir = $home/cache
  client min protocol = SMB2
  name resolve order = host
  log level = 0
EOF
  # smbnetfs.conf: per-mount credentials (needs mode 600 or smbnetfs ignores
  # 'auth'); no network browsing (we address the server by IP); short
  # negative cache (host-unreachable records) so recovery after an outage is
  # quick. NOTE: 'neg_cache "false"' makes smbnetfs 0.6.3 hang at startup
  # (never daemonizes) - keep it on with a short timeout instead.
  cat >"$home/.smb/smbnetfs.conf" <<EOF
auth "$SMB_HOST" "$acct" "$SMB_PW"
smb_query_browsers "false"
use_libsecret "false"
neg_cache_timeout 100
stat_workaround_depth 0
stat_workaround_enable_default_entries "false"
smb_timeout 5000
reply_timeout 10
max_retry_count 2
smbnetfs_debug ${SMB_NETFS_DEBUG:-0}
log_file "$home/smbnetfs.log"
EOF
  chmod 600 "$home/.smb/smbnetfs.conf"
  HOME="$home" timeout 20 smbnetfs "$mnt" \
    -o config="$home/.smb/smbnetfs.conf" \
    -o "$SMB_FUSE_OPTS" \
    >"$home/smbnetfs.out" 2>&1 ||
    _smb_die "smbnetfs mount failed: $(cat "$home/smbnetfs.out")" || return 1
  local share="$mnt/$SMB_HOST/$SMB_SHARE"
  _smb_wait 20 timeout 5 ls "$share/" ||
    _smb_die "mount $mnt: $share not listable after 20 s (log: $home/smbnetfs.log)" || return 1
  echo "$share"
}

# smb_mount N MOUNTPOINT : mount as kiosk account wofkN. Echoes share root.
smb_mount() {
  local n=${1:?usage: smb_mount N MOUNTPOINT}
  smb_mount_as_user "k$n" "${2:?mountpoint}" "wofk$n"
}

# smb_cleanup : unmount all, stop smbd. Idempotent; safe in an EXIT trap.
# Mounts are found in /proc/mounts (smb_mount runs in a $(...) subshell, so
# a shell array could not record them).
smb_cleanup() {
  [[ -n $SMB_ROOT ]] || return 0
  local m pids
  while read -r m; do
    m=$(printf '%b' "$m")   # /proc/mounts escapes spaces as \040
    timeout 10 fusermount -u "$m" 2>/dev/null ||
      timeout 10 fusermount -uz "$m" 2>/dev/null || true
  done < <(awk -v r="$SMB_ROOT/" '$3 ~ /^fuse/ && index($2, r) == 1 {print $2}' /proc/mounts)
  # smbnetfs daemons whose config lives under our ROOT (exact path match)
  pids=$(pgrep -f -- "config=$SMB_ROOT/home/" || true)
  # shellcheck disable=SC2086
  [[ -z $pids ]] || kill -TERM $pids 2>/dev/null || true
  smb_server_stop 2>/dev/null || true
  return 0
}
