#!/usr/bin/env python3
"""Where a batch's CPU goes: the relay ceiling against qmld run, thread by thread.

usage: tests/bench/cpu_per_batch.py BIN_DIR [PAYLOAD_BYTES ...]   (default: 100 1024)

Runs each case as run_bench.sh does (the driver as the daemon of one shard,
1,000-record batches, each status awaited), reads the CPU time of every
thread of the run's processes from /proc/PID/task/TID/schedstat over the
middle of the run, and prints per batch, beside the batch's wall time, the
microseconds of CPU each one spends, how long it waited runnable for a CPU,
and how many times it was put on one (a wake-up, mostly). The throughput
rounds move by a tenth between runs on a small machine; what each thread
costs a batch shows where the engine's time goes. CPU_SECONDS sets the run
length (default 5; the first and the last second are left out).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import namedtuple

BATCH = 1000


def usage(message):
    sys.exit(f"cpu_per_batch.py: {message}\n"
             "usage: tests/bench/cpu_per_batch.py BIN_DIR [PAYLOAD_BYTES ...]  (default: 100 1024)")


def descendants(root):
    """The pids of `root` and of all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The command name is in parentheses and may hold spaces.
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


# A thread's /proc/PID/task/TID/schedstat: time on a CPU (ns), time waiting
# runnable for one (ns), times put on one.
Sched = namedtuple("Sched", "cpu_ns wait_ns runs")


def thread_times(root):
    """{(pid, tid): (label, Sched)} for every thread under `root`."""
    times = {}
    for pid in descendants(root):
        # The program's name: a command name (comm) is cut at 15 characters.
        argv = read(f"/proc/{pid}/cmdline")
        process = os.path.basename(argv.split("\0")[0]) if argv else None
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            name = read(f"/proc/{pid}/task/{tid}/comm")
            schedstat = read(f"/proc/{pid}/task/{tid}/schedstat")
            if process is None or name is None or schedstat is None:
                continue
            label = process if process.startswith(name) else f"{process}: {name}"
            times[(pid, int(tid))] = (label, Sched(*(int(field) for field in schedstat.split()[:3])))
    return times


def measure(command, result_path, seconds):
    """Runs `command`; returns (records per second, {label: Sched over the window}, window in seconds)."""
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        before, start = thread_times(run.pid), time.monotonic()
        time.sleep(seconds - 2)
        after, end = thread_times(run.pid), time.monotonic()
    finally:
        returncode = run.wait(timeout=seconds + 60)
    if returncode != 0:
        sys.exit(f"cpu_per_batch.py: {' '.join(command[:2])} exited with {returncode}")
    with open(result_path) as f:
        rate = json.load(f)["recordsPerSecond"]
    cpu = {}
    for key, (label, sched) in after.items():
        if key in before:
            so_far = cpu.get(label, Sched(0, 0, 0))
            earlier = before[key][1]
            cpu[label] = Sched(*(total + now - then for total, now, then in zip(so_far, sched, earlier)))
    return rate, cpu, end - start


def report(payload, case, rate, cpu, window):
    batches = rate * window / BATCH
    batch_us = BATCH / rate * 1e6
    print(f"{payload} B, {case}: {rate / 1e6:.2f}M records/s, a batch every {batch_us:.0f} us")
    total = 0.0
    for label, sched in sorted(cpu.items(), key=lambda item: -item[1].cpu_ns):
        per_batch = sched.cpu_ns / 1e3 / batches
        total += per_batch
        if per_batch >= 0.5:
            print(f"    {label:<36} {per_batch:7.1f} us CPU a batch, waited {sched.wait_ns / 1e3 / batches:5.1f} us"
                  f" for a CPU, run {sched.runs / batches:4.2f} times")
    print(f"    {'all':<36} {total:7.1f} us ({total / batch_us:.2f} CPUs busy)")


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return
    if len(sys.argv) < 2:
        usage("give the directory with the built binaries")
    bin_dir = sys.argv[1]
    for name in ("qmld", "qmld-connect", "qmld-bench-driver", "qmld-bench-relay-server"):
        if not os.access(os.path.join(bin_dir, name), os.X_OK):
            usage(f"{bin_dir}/{name} is not built (cmake --build build/<dir> --target bench)")
    payloads = []
    for text in sys.argv[2:] or ["100", "1024"]:
        if not text.isdigit() or int(text) > 1024 * 1024:
            usage(f"a payload size is 0 to 1048576 bytes, not \"{text}\"")
        payloads.append(int(text))
    seconds_text = os.environ.get("CPU_SECONDS", "5")
    if not seconds_text.isdigit() or int(seconds_text) < 3:
        usage(f"CPU_SECONDS is a whole number of at least 3 (the first and last second are left out), not \"{seconds_text}\"")
    seconds = int(seconds_text)

    with tempfile.TemporaryDirectory() as work:
        properties = os.path.join(work, "run.properties")
        with open(properties, "w") as f:
            f.write("applicationName = cpu-per-batch\nstreamName = bench\nexecutableName = unused\n")
        result = os.path.join(work, "result.json")
        driver = os.path.join(bin_dir, "qmld-bench-driver")
        for payload in payloads:
            common = ["--payload", str(payload), "--batch", str(BATCH), "--seconds", str(seconds), "--result", result]
            relay = [os.path.join(bin_dir, "qmld-bench-relay-server"), driver,
                     "--child", os.path.join(bin_dir, "qmld-connect") + " {port}"] + common
            report(payload, "relay ceiling", *measure(relay, result, seconds))
            qmld = [os.path.join(bin_dir, "qmld"), "run", "--properties", properties, "--processor", "null",
                    "--checkpoint-every", "10000", "--mld", " ".join([driver, "--properties-file", "{properties}"] + common)]
            report(payload, "qmld run", *measure(qmld, result, seconds))


if __name__ == "__main__":
    main()
