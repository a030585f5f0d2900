#!/usr/bin/env bash
# A throw-away one-node Slurm cluster on this machine, for trying `edgemine sweep submit` (and for its test).
#
#   scripts/slurm-local.sh start DIR   # writes DIR/slurm.conf, starts munged (if needed), slurmctld and slurmd
#   export SLURM_CONF=DIR/slurm.conf   # every Slurm command (sbatch, squeue, sinfo) then talks to it
#   scripts/slurm-local.sh stop DIR    # stops the daemons started by `start` (by their pid files in DIR)
#
# Needs root and Debian's packages: apt-get install -y slurmctld slurmd slurm-client munge.
# Everything (config, state, spool, logs, pid files) lives in DIR, so `stop` + `rm -rf DIR` leaves nothing behind
# except munged, which is shared machine-wide and left running when it was already running before `start`.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
conf="$dir/slurm.conf"
export SLURM_CONF="$conf"

# A TCP port that no socket on this machine uses (any state, IPv4 or IPv6), drawn at random from 20000-59999 and not in
# "$@". Ports are chosen at run time so that two clusters (two test runs, or one left over) never collide: fixed ports
# gave "Address already in use" and "Unable to contact slurm controller".
free_port() {
  local port hex used
  used=$(awk 'NR > 1 { split($2, a, ":"); print a[2] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null | sort -u)
  for _ in $(seq 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    hex=$(printf '%04X' "$port")
    if ! grep -qx "$hex" <<<"$used" && [[ " $* " != *" $port "* ]]; then
      echo "$port"
      return 0
    fi
  done
  echo "$0: no free TCP port found in 20000-59999" >&2
  return 1
}

stop_pid_file() {
  local file=$1
  [[ -f $file ]] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

start() {
  [[ $(id -u) -eq 0 ]] || { echo "$0: must run as root (slurmd starts jobs as their users)" >&2; exit 1; }
  for tool in slurmctld slurmd munged sinfo; do
    command -v "$tool" >/dev/null || { echo "$0: $tool not found; apt-get install -y slurmctld slurmd slurm-client munge" >&2; exit 1; }
  done
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"

  # munge: Slurm's authentication. One key per machine; the daemon's socket is at its default path. The lock keeps two
  # clusters started at once from both starting it.
  exec 9>/tmp/edgemine-slurm-local-munge.lock
  flock 9
  if ! pgrep -x munged >/dev/null; then
    if [[ ! -s /etc/munge/munge.key ]]; then
      mkdir -p /etc/munge
      dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
    chown munge:munge /etc/munge/munge.key 2>/dev/null || true
    chmod 400 /etc/munge/munge.key
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
    if id munge >/dev/null 2>&1; then
      runuser -u munge -- munged
    else
      munged --force
    fi
    touch "$dir/munged.started-here"
  fi
  flock -u 9

  local host cpus memory ctld_port slurmd_port
  host=$(hostname -s)
  ctld_port=$(free_port)
  slurmd_port=$(free_port "$ctld_port")
  cpus=$(nproc)
  memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 )) # MB; half, so the node is never "low memory"
  # No cgroups (proctrack/linuxproc, task/none): works in containers; no accounting database (squeue, not sacct).
  cat > "$conf" <<EOF
ClusterName=edgemine-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
MaxArraySize=10001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

  slurmctld -f "$conf" -i   # -i: ignore state left by an earlier cluster in DIR
  slurmd -f "$conf"
  for _ in $(seq 60); do
    if sinfo -h -N -o '%t' 2>/dev/null | grep -qx 'idle'; then
      echo "slurm-local: node $host idle (slurmctld port $ctld_port, slurmd port $slurmd_port); export SLURM_CONF=$conf"
      return 0
    fi
    sleep 1
  done
  echo "$0: the node did not become idle within 60 s; see $dir/log" >&2
  sinfo -N >&2 || true
  exit 1
}

stop() {
  [[ -f $conf ]] && scontrol shutdown >/dev/null 2>&1 || true
  stop_pid_file "$dir/slurmd.pid"
  stop_pid_file "$dir/slurmctld.pid"
  if [[ -f $dir/munged.started-here ]]; then
    stop_pid_file /run/munge/munged.pid
    rm -f "$dir/munged.started-here"
  fi
  echo "slurm-local: stopped"
}

case $action in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
