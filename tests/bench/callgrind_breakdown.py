#!/usr/bin/env python3
"""Where qmld run's instructions per record go: the self cost of each
function in a long and a short callgrind profile of the same run
(callgrind_qmld.sh), differenced, divided by the records between them, and
summed into the parts of the record path.

usage: callgrind_breakdown.py SHORT.out LONG.out RECORDS"""
import re
import subprocess
import sys

# First match wins: (part, pattern on "file:function [object]").
PARTS = [
    ("simdjson stage 1 (finding the structure)", r"stage1"),
    ("base64 decoding", r"base64::"),
    ("sequence numbers (check, copy)", r"SequenceNumber::|significantDigitsStart|allDigits"),
    ("allocation and freeing", r"malloc|free|_int_|unlink_chunk|alloc_perturb|operator new|operator delete"
                               r"|QArrayData::|qCalculateBlockSize|QByteArray::QByteArray|QByteArray::resize"
                               r"|QByteArray::operator=|QByteArray::~|arena\.c"),
    ("copying bytes (socket chunk -> line buffer, strings)", r"memcpy|memmove"),
    ("finding line and string ends (memchr)", r"memchr|LineSplitter::"),
    ("JSON: keys, numbers, strings, record fields (plain decoder, or simdjson On-Demand)",
     r"Reader::|simdjson::|protocol::decodeDaemonMessage|decodePlainProcessRecords|PlainReader|leadingDigits|upToEightDigits"
     r"|record_fields::"),
    ("session: tracker, processor call, events, status", r"ShardSession|ConfirmationTracker|NullProcessor|protocol::|qmld::"),
    ("Qt and GLib: event loop, socket, signals", r"Q[A-Z]|g_|libglib|libQt6|qt_"),
]


def self_costs(path):
    out = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", "--auto=no", path],
                         capture_output=True, text=True, check=True).stdout
    costs = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+(.*)$", line)
        if m and "PROGRAM TOTALS" not in line:
            costs[m.group(2)] = costs.get(m.group(2), 0) + int(m.group(1).replace(",", ""))
    return costs


def main():
    short, long_, records = sys.argv[1], sys.argv[2], int(sys.argv[3])
    a, b = self_costs(short), self_costs(long_)
    totals = {}
    for name in set(a) | set(b):
        diff = b.get(name, 0) - a.get(name, 0)
        part = next((p for p, pattern in PARTS if re.search(pattern, name)), "other")
        totals[part] = totals.get(part, 0) + diff
    for part, _ in PARTS + [("other", "")]:
        if part in totals:
            print(f"        {totals[part] / records:7.0f}  {part}")


if __name__ == "__main__":
    main()
