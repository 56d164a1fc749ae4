#!/usr/bin/env python3
"""qmld chaos run: an embedded stream, a producer, two `qmld run` workers and
random faults, then the checks that nothing was lost and nothing was left.

Faults: kill -9 of a worker's daemon (qmld-daemon), of a child (qmld-connect,
the connector between the daemon and the worker), of a whole `qmld run`;
SIGSTOP of a child past the daemon's timeoutInSeconds; a reshard (split); a
full disk under one worker's record log (a small tmpfs, when one can be
mounted here).

Checks: every record in the stream was processed at least once (by the record
logs the workers wrote); no checkpoint ever moved backwards, and none covers
a record no log holds; no process of the run is left; the store passes
PRAGMA integrity_check. Prints the faults and the counts; exits 0 when every
check holds, 1 when one fails, 2 when the run could not be set up.

It reaps every process it starts (it is the subreaper of their orphans) and
signals only process ids it found alive a moment before, never 0 or a group
it belongs to.
"""

import argparse
import base64
import collections
import ctypes
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

APP = "chaos-app"
STREAM = "chaos"
CHILD_TIMEOUT_S = 2  # timeoutInSeconds: the daemon gives up on a silent child after this


def log(message):
    print(f"chaos: {message}", flush=True)


def sequence_key(value):
    """Checkpoint order as KCL has it: sentinels first, SHARD_END last."""
    if value in ("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP", ""):
        return (0, 0)
    if value == "SHARD_END":
        return (2, 0)
    return (1, int(value))


class Chaos:
    def __init__(self, args):
        self.bin = os.path.abspath(args.bin)
        self.seconds = args.seconds
        self.rng = random.Random(args.seed)
        self.seed = args.seed
        self.keep = args.keep
        self.dir = tempfile.mkdtemp(prefix="qmld-chaos-")
        self.store = os.path.join(self.dir, "store.sqlite")
        self.tag = "qmld-chaos-" + uuid.uuid4().hex
        self.env = dict(os.environ, QMLD_CHAOS_TAG=self.tag, TMPDIR=self.dir, QMLD_STORE=self.store)
        self.workers = {}       # name -> Popen of its qmld run
        self.incarnation = collections.Counter()
        self.popens = []        # every Popen, to reap
        self.logs = []          # every record log written
        self.faults = collections.Counter()
        self.skipped = []
        self.stopped = set()    # children we SIGSTOPped and not yet continued
        self.checkpoints = collections.defaultdict(list)  # leaseKey -> checkpoints seen, in order
        self.put_ids = set()
        self.next_id = 0
        self.tmpfs = None
        self.failures = []

    # -- processes --------------------------------------------------------

    def qmld(self, *arguments, stdin=None, timeout=60):
        return subprocess.run([os.path.join(self.bin, "qmld"), *arguments], env=self.env, input=stdin,
                              capture_output=True, timeout=timeout)

    def tagged(self):
        """pid -> (ppid, comm) of every live process of this run."""
        found = {}
        needle = ("QMLD_CHAOS_TAG=" + self.tag).encode()
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == os.getpid():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    if needle not in f.read().split(b"\0"):
                        continue
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            close = stat.rfind(b")")
            fields = stat[close + 2:].split()
            if fields[0] in (b"Z", b"X"):
                continue
            found[int(entry)] = (int(fields[1]), stat[stat.find(b"(") + 1:close].decode())
        return found

    def below(self, root, comm):
        """Live descendants of root whose command is comm."""
        processes = self.tagged()
        family, grew = {root}, True
        while grew:
            grew = False
            for pid, (ppid, _) in processes.items():
                if ppid in family and pid not in family:
                    family.add(pid)
                    grew = True
        return [pid for pid in family if pid != root and processes.get(pid, (0, ""))[1] == comm]

    def signal(self, pid, number):
        if pid is None or pid <= 1 or pid == os.getpid():
            return False  # never 0, init or ourselves
        try:
            os.kill(pid, number)
            return True
        except ProcessLookupError:
            return False

    def reap_orphans(self):
        """Zombies that came to us as their subreaper, and not through a Popen."""
        mine = {p.pid for p in self.popens}
        for pid, (ppid, _) in list(self.zombie_children().items()):
            if ppid == os.getpid() and pid not in mine:
                try:
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass

    def zombie_children(self):
        """pid -> (ppid, "") of every zombie; reap_orphans keeps those whose parent is us."""
        zombies = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rfind(b")") + 2:].split()
            if fields[0] == b"Z":
                zombies[int(entry)] = (int(fields[1]), "")
        return zombies

    # -- the stream and the workers ---------------------------------------

    def properties(self, worker):
        path = os.path.join(self.dir, f"{worker}.properties")
        with open(path, "w") as f:
            f.write(f"applicationName = {APP}\n"
                    f"streamName = {STREAM}\n"
                    "executableName = qmld-connect\n"
                    f"workerId = {worker}\n"
                    f"qmldStore = {self.store}\n"
                    "initialPositionInStream = TRIM_HORIZON\n"
                    "failoverTimeMillis = 2000\n"
                    "idleTimeBetweenReadsInMillis = 200\n"
                    "shardSyncIntervalMillis = 1000\n"
                    "parentShardPollIntervalMillis = 500\n"
                    f"timeoutInSeconds = {CHILD_TIMEOUT_S}\n"
                    "cleanupLeasesUponShardCompletion = false\n")
        return path

    def start_worker(self, name, log_dir=None):
        self.incarnation[name] += 1
        number = self.incarnation[name]
        output = os.path.join(log_dir or self.dir, f"{name}-{number}.jsonl")
        self.logs.append(output)
        errors = open(os.path.join(self.dir, f"{name}-{number}.err"), "wb")
        process = subprocess.Popen(
            [os.path.join(self.bin, "qmld"), "run", "--properties", self.properties(name), "--mld", "embedded",
             "--processor", "log", "--output", output, "--checkpoint-every", "25", "--checkpoint-interval", "1000",
             "--status-interval", "0"],
            env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
            start_new_session=True)
        errors.close()
        self.popens.append(process)
        self.workers[name] = process
        return process

    def ensure_workers(self):
        for name, process in list(self.workers.items()):
            if process.poll() is not None:
                self.start_worker(name)

    def produce(self):
        count = self.rng.randint(5, 30)
        ids = [f"r{self.next_id + i:07d}" for i in range(count)]
        self.next_id += count
        result = self.qmld("stream", "put", STREAM, "--lines", "-", stdin=("\n".join(ids) + "\n").encode())
        if result.returncode == 0:
            self.put_ids.update(ids)
        else:
            self.faults["put refused (store busy)"] += 1

    def poll_leases(self):
        result = self.qmld("lease", "list", APP, "--json")
        if result.returncode != 0:
            return
        for lease in json.loads(result.stdout or b"[]"):
            seen = self.checkpoints[lease["leaseKey"]]
            if not seen or seen[-1] != lease["checkpoint"]:
                seen.append(lease["checkpoint"])

    # -- faults -------------------------------------------------------------

    def any_worker(self):
        alive = [p for p in self.workers.values() if p.poll() is None]
        return self.rng.choice(alive) if alive else None

    def kill_below(self, comm, label):
        worker = self.any_worker()
        victims = self.below(worker.pid, comm) if worker else []
        if victims and self.signal(self.rng.choice(victims), signal.SIGKILL):
            self.faults[label] += 1

    def kill_run(self):
        name = self.rng.choice(sorted(self.workers))
        process = self.workers[name]
        if process.poll() is None and self.signal(process.pid, signal.SIGKILL):
            process.wait()
            self.faults["kill -9 qmld run"] += 1
            self.start_worker(name)

    def stop_child(self):
        worker = self.any_worker()
        children = self.below(worker.pid, "qmld-connect") if worker else []
        if children:
            child = self.rng.choice(children)
            if self.signal(child, signal.SIGSTOP):
                self.stopped.add(child)
                self.faults[f"SIGSTOP qmld-connect past timeoutInSeconds={CHILD_TIMEOUT_S}"] += 1
                self.sleep_working(CHILD_TIMEOUT_S + 2)
                self.signal(child, signal.SIGCONT)
                self.stopped.discard(child)

    def reshard(self):
        result = self.qmld("stream", "describe", STREAM, "--json")
        if result.returncode != 0:
            return
        shards = json.loads(result.stdout)["StreamDescription"]["Shards"]
        open_shards = [s["ShardId"] for s in shards
                       if not s.get("SequenceNumberRange", {}).get("EndingSequenceNumber")]
        if len(open_shards) >= 8:
            return
        if self.qmld("stream", "split", STREAM, self.rng.choice(open_shards)).returncode == 0:
            self.faults["reshard (split)"] += 1

    def full_disk(self):
        """One worker's next incarnation logs to a tmpfs that fills up."""
        if self.tmpfs is not None:
            return
        mount = os.path.join(self.dir, "small-disk")
        os.mkdir(mount)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount],
                          capture_output=True).returncode != 0:
            os.rmdir(mount)
            self.tmpfs = ""
            self.skipped.append("full disk (no tmpfs can be mounted here)")
            return
        self.tmpfs = mount
        with open(os.path.join(mount, "filler"), "wb") as filler:
            filler.write(b"\0" * (56 * 1024))  # a few KiB left: some records fit, then the disk is full
        name = self.rng.choice(sorted(self.workers))
        self.stop_worker(name)
        self.start_worker(name, log_dir=mount)
        errors = os.path.join(self.dir, f"{name}-{self.incarnation[name]}.err")
        self.sleep_working(8)  # the log fills; its shards fail and are handed on
        self.stop_worker(name)
        with open(errors, "rb") as f:
            failed_writes = f.read().count(b"cannot write the record log")
        for path in self.logs:
            if path.startswith(mount):
                shutil.copy(path, self.dir)  # what it did write counts as processed
        self.logs = [os.path.join(self.dir, os.path.basename(p)) if p.startswith(mount) else p for p in self.logs]
        subprocess.run(["umount", mount], capture_output=True)
        self.faults[f"full disk under a record log ({failed_writes} failed writes)"] += 1
        self.start_worker(name)

    def stop_worker(self, name, grace=20):
        process = self.workers[name]
        if process.poll() is None:
            self.signal(process.pid, signal.SIGTERM)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                self.signal(process.pid, signal.SIGKILL)
                process.wait()

    def sleep_working(self, seconds):
        """Keeps producing and watching the leases while time passes."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.produce()
            self.poll_leases()
            self.reap_orphans()
            time.sleep(0.2)

    # -- the run --------------------------------------------------------------

    def run(self):
        log(f"seed {self.seed}, {self.seconds} s, folder {self.dir}")
        created = self.qmld("stream", "create", STREAM, "--shards", "3")
        if created.returncode != 0:
            log("cannot create the stream: " + created.stderr.decode(errors="replace").strip())
            return 2
        self.start_worker("worker-1")
        self.start_worker("worker-2")
        faults = [
            lambda: self.kill_below("qmld-daemon", "kill -9 qmld-daemon"),
            lambda: self.kill_below("qmld-connect", "kill -9 qmld-connect (child, connector)"),
            self.kill_run,
            self.stop_child,
            self.reshard,
            self.full_disk,
        ]
        deadline = time.monotonic() + self.seconds
        self.sleep_working(3)
        # Each fault once first, in random order, then random ones.
        order = list(faults)
        self.rng.shuffle(order)
        while time.monotonic() < deadline:
            (order.pop() if order else self.rng.choice(faults))()
            self.ensure_workers()
            self.sleep_working(self.rng.uniform(2, 5))
        log(f"faults over; {len(self.put_ids)} records put; waiting for the workers to catch up")
        return self.finish()

    def records_in_store(self):
        """(shardId, sequenceNumber) -> id of every record in the stream."""
        described = json.loads(self.qmld("stream", "describe", STREAM, "--json").stdout)
        records = {}
        for shard in described["StreamDescription"]["Shards"]:
            read = self.qmld("stream", "read", STREAM, "--shard", shard["ShardId"], "--limit", "1000000", "--json")
            for line in read.stdout.splitlines():
                record = json.loads(line)
                if "sequenceNumber" in record:
                    records[(shard["ShardId"], record["sequenceNumber"])] = base64.b64decode(record["data"]).decode()
        return records

    def processed(self):
        done = collections.Counter()
        for path in self.logs:
            try:
                with open(path, "rb") as f:
                    lines = f.read().splitlines()
            except OSError:
                continue
            for line in lines:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut by the full disk
                if "sequenceNumber" in entry and "event" not in entry:
                    done[(entry["shardId"], entry["sequenceNumber"])] += 1
        return done

    def finish(self):
        self.ensure_workers()
        records = self.records_in_store()
        end = time.monotonic() + 120
        while time.monotonic() < end and not set(records) <= set(self.processed()):
            self.poll_leases()
            self.reap_orphans()
            self.ensure_workers()
            time.sleep(0.5)
        self.poll_leases()
        for name in sorted(self.workers):
            self.stop_worker(name)
        self.poll_leases()

        done = self.processed()
        missing = sorted(set(records) - set(done))
        ids_in_store = set(records.values())
        lost_puts = sorted(self.put_ids - ids_in_store)
        if lost_puts:
            self.failures.append(f"{len(lost_puts)} records whose put succeeded are not in the stream, "
                                 f"e.g. {lost_puts[:3]}")
        if missing:
            self.failures.append(f"{len(missing)} records were never processed, e.g. {missing[:3]}")

        for lease, seen in sorted(self.checkpoints.items()):
            keys = [sequence_key(value) for value in seen]
            if any(b < a for a, b in zip(keys, keys[1:])):
                self.failures.append(f"the checkpoint of {lease} moved backwards: {seen}")
            top = max(keys)
            covered = [key for key in records if key[0] == lease
                       and (top[0] == 2 or (top[0] == 1 and int(key[1]) <= top[1]))]
            unprocessed = [key for key in covered if key not in done]
            if unprocessed:
                self.failures.append(f"the checkpoint of {lease} ({seen[-1]}) covers {len(unprocessed)} records "
                                     f"no worker processed, e.g. {unprocessed[:2]}")

        end = time.monotonic() + 15
        while time.monotonic() < end and self.tagged():
            self.reap_orphans()
            time.sleep(0.2)
        left = self.tagged()
        if left:
            self.failures.append(f"processes left: {sorted((pid, comm) for pid, (_, comm) in left.items())}")

        with sqlite3.connect(f"file:{self.store}?mode=ro", uri=True) as db:
            integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            self.failures.append(f"PRAGMA integrity_check: {integrity[:3]}")

        print("faults injected:", flush=True)
        for fault, count in sorted(self.faults.items()):
            print(f"  {count:4d}  {fault}")
        for skipped in self.skipped:
            print(f"  skipped: {skipped}")
        redelivered = sum(count - 1 for count in done.values() if count > 1)
        print(f"records put: {len(self.put_ids)}; in the stream: {len(records)}; processed: "
              f"{len(set(records) & set(done))} ({redelivered} redeliveries); checkpoints seen: "
              f"{sum(len(v) for v in self.checkpoints.values())} on {len(self.checkpoints)} leases; "
              f"worker starts: {sum(self.incarnation.values())}; integrity_check: {integrity[0]}")
        for failure in self.failures:
            print(f"FAILED: {failure}")
        print("chaos: " + ("FAILED" if self.failures else "passed") + f" (seed {self.seed})", flush=True)
        return 1 if self.failures else 0

    def cleanup(self):
        for pid in list(self.stopped):
            self.signal(pid, signal.SIGCONT)
        for name in sorted(self.workers):
            self.stop_worker(name, grace=10)
        for process in self.popens:
            if process.poll() is None:
                self.signal(process.pid, signal.SIGKILL)
            process.wait()
        end = time.monotonic() + 10
        while time.monotonic() < end and self.tagged():
            self.reap_orphans()
            time.sleep(0.2)
        for pid in self.tagged():  # the last resort: nothing of ours may outlive the run
            self.signal(pid, signal.SIGKILL)
        self.reap_orphans()
        if self.tmpfs:
            subprocess.run(["umount", "-l", self.tmpfs], capture_output=True)
        if self.keep or self.failures:
            log(f"kept {self.dir}")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, help="the folder holding qmld, qmld-daemon and qmld-connect")
    parser.add_argument("--seconds", type=int, default=180, help="how long faults are injected (default 180)")
    parser.add_argument("--minutes", type=float, help="the same in minutes")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="the random seed (printed; repeat a run)")
    parser.add_argument("--keep", action="store_true", help="keep the run's folder (kept anyway on failure)")
    args = parser.parse_args()
    if args.minutes is not None:
        args.seconds = int(args.minutes * 60)
    if not 10 <= args.seconds <= 3600:
        parser.error("the run lasts 10 s to 60 minutes")
    for program in ("qmld", "qmld-daemon", "qmld-connect"):
        if not os.access(os.path.join(args.bin, program), os.X_OK):
            print(f"chaos: {program} is not in {args.bin}: build it first", file=sys.stderr)
            return 2
    # Orphans of a killed `qmld run` come to us, to be reaped.
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    chaos = Chaos(args)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return chaos.run()
    finally:
        chaos.cleanup()


if __name__ == "__main__":
    sys.exit(main())
