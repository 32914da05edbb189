# Sourced by the benchmarks that say what CPU each side spends, read from /proc in clock ticks.

# The user and system ticks a process has used so far.
process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# The ticks a PostgreSQL cluster has used so far: the postmaster's own, those of the children it has
# reaped (a backend whose client has gone counts there), and those of the children still alive.
# A backend reaped between the two reads would count in neither: read it when no client has just
# gone (cluster_settle).
cluster_ticks() {
    local postmaster total pid
    postmaster=$(head -n 1 "$1/postmaster.pid")
    total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
    for pid in $(pgrep -P "$postmaster"); do total=$((total + $(process_ticks "$pid"))); done
    echo "$total"
}

# The number of the cluster's processes: cluster_processes DATADIR.
cluster_processes() { pgrep -c -P "$(head -n 1 "$1/postmaster.pid")" || true; }

# Waits up to ten seconds until the cluster has no more than COUNT processes again, the backends
# of clients that have gone having exited: cluster_settle DATADIR COUNT.
cluster_settle() {
    local _
    for _ in $(seq 1 100); do [ "$(cluster_processes "$1")" -le "$2" ] && return; sleep 0.1; done
}

# Microseconds per item: ticks_per_item TICKS ITEMS.
ticks_per_item() { echo $(($1 * 1000000 / $(getconf CLK_TCK) / $2)); }

# Pins a running cluster to one CPU: the postmaster, so that the backends it forks later inherit
# the pin, and the children it has already started.
pin_cluster() {
    local postmaster pid
    postmaster=$(head -n 1 "$1/postmaster.pid")
    for pid in "$postmaster" $(pgrep -P "$postmaster"); do taskset -a -p -c "$2" "$pid" >/dev/null; done
}
