# Sourced by the benchmarks that count instructions with valgrind's callgrind.
#
# Two things keep valgrind 3.19 from running a Swift 6 binary as built, both worked around here on
# copies: it cannot read DWARF 5 debug information (so the binaries and the Swift runtime's
# libraries are copied without it; their symbols stay), and it crashes when the main thread,
# parked by libdispatch, waits in sigsuspend (so a small preloaded library parks it in sleep).

# callgrind_prepare WORK: the runtime's libraries and the parking library, under WORK.
callgrind_prepare() {
    local work=$1 toolchain runtime library
    toolchain=$(dirname "$(readlink -f "$(command -v swift)")")
    runtime="$toolchain/../lib/swift/linux"
    mkdir -p "$work/lib"
    for library in "$runtime"/*.so; do
        objcopy --strip-debug "$library" "$work/lib/$(basename "$library")"
    done
    printf '#include <signal.h>\n#include <unistd.h>\nint sigsuspend(const sigset_t *m) { (void)m; for (;;) sleep(3600); }\n' >"$work/park.c"
    "$toolchain/clang" -shared -fPIC -O2 -o "$work/park.so" "$work/park.c"
}

# callgrind_copy SOURCE DESTINATION: a binary valgrind can read.
callgrind_copy() {
    objcopy --strip-debug "$1" "$2"
}

# callgrind_start WORK OUT LOG COMMAND...: runs COMMAND under callgrind in the background, with
# counting off until `callgrind_control -i on`; its pid is left in CALLGRIND_PID.
callgrind_start() {
    local work=$1 out=$2 log=$3
    shift 3
    LD_LIBRARY_PATH="$work/lib" LD_PRELOAD="$work/park.so" valgrind --tool=callgrind --instr-atstart=no \
        --callgrind-out-file="$out" "$@" 2>"$log" &
    CALLGRIND_PID=$!
}

# callgrind_binary: the multaqa binary to count, MULTAQA_BIN or this tree's release build.
callgrind_binary() {
    if [ -n "${MULTAQA_BIN:-}" ]; then
        readlink -f "$MULTAQA_BIN"
    else
        swift build -c release --product multaqa >&2
        readlink -f .build/release/multaqa
    fi
}

# callgrind_cleanup WORK: kills the last process callgrind_start started, stops the embedded cluster
# a killed service leaves running (by its data directory, WORK/data) and removes WORK.
callgrind_cleanup() {
    # Each step may find nothing to do (`|| true`): under `set -e` a failing step would end the
    # trap before the cluster is stopped.
    [ -n "${CALLGRIND_PID:-}" ] && { kill -KILL "$CALLGRIND_PID" && wait "$CALLGRIND_PID"; } 2>/dev/null || true
    [ -f "$1/data/pgdata/postmaster.pid" ] && kill -TERM "$(head -n 1 "$1/data/pgdata/postmaster.pid")" 2>/dev/null || true
    sleep 1
    rm -rf "$1"
}
