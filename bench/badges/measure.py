#!/usr/bin/env python3
"""Runs a command and prints its wall time and the peak memory of a process tree, sampled every
50 ms from /proc: the tree of the command itself, or with --watch PID the tree of a running
process (the service, whose WeasyPrint child makes the PDF). Usage:
    measure.py LABEL [--watch PID] -- COMMAND ...
"""
import os, subprocess, sys, threading, time

def children(pid):
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found

def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def tree_rss(root):
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss_kib(pid)
        stack += children(pid)
    return total

label, args = sys.argv[1], sys.argv[2:]
watch = None
if args[0] == "--watch":
    watch, args = int(args[1]), args[2:]
args = args[1:] if args[0] == "--" else args
start = time.monotonic()
process = subprocess.Popen(args)
root = watch or process.pid
peak, done = 0, False

def sample():
    global peak
    while not done:
        peak = max(peak, tree_rss(root))
        time.sleep(0.05)

sampler = threading.Thread(target=sample)
sampler.start()
status = process.wait()
done = True
sampler.join()
elapsed = time.monotonic() - start
print(f"{label:<40} {elapsed:6.1f} s   peak {peak / 1024:6.0f} MiB (the process tree, with PostgreSQL when the job starts it)")
sys.exit(status)
