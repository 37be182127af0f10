#!/usr/bin/env python3
"""bench/run's bookkeeping: collects samples in a JSON-lines file and prints the table.

  report.py hyperfine RESULTS CASE UNIT JSON   add a hyperfine export's runs, per command name;
                                               UNIT is "ms" (wall time) or "MiB/s:N" (N MiB per run)
  report.py add RESULTS CASE TOOL UNIT V...    add samples measured otherwise (RSS, size)
  report.py table RESULTS                      print median, min, max and the ratio to runc
  report.py difference RESULTS CASE BASE LABEL one line: CASE's median less BASE's, per tool
                                               but runc (what CASE adds, such as CNI's cost)
"""
import json
import statistics
import sys

BASELINE = "runc"


def add(results, case, tool, unit, samples):
    with open(results, "a") as f:
        f.write(json.dumps({"case": case, "tool": tool, "unit": unit, "samples": samples}) + "\n")


def add_hyperfine(results, case, unit, export):
    with open(export) as f:
        runs = json.load(f)["results"]
    for r in runs:
        if unit.startswith("MiB/s:"):
            mib = float(unit.split(":")[1])
            add(results, case, r["command"], "MiB/s", [mib / t for t in r["times"]])
        else:
            add(results, case, r["command"], "ms", [t * 1000 for t in r["times"]])


def load(results):
    """(case, tool) -> (unit, samples), merged over rounds, in first-seen order."""
    rows = {}
    with open(results) as f:
        for line in f:
            e = json.loads(line)
            unit, samples = rows.setdefault((e["case"], e["tool"]), (e["unit"], []))
            samples.extend(e["samples"])
    return rows


def table(results):
    rows = load(results)
    medians = {key: statistics.median(s) for key, (_, s) in rows.items()}
    header = ("case", "tool", "median", "min", "max", "unit", "n", "× runc")
    lines = [header]
    for (case, tool), (unit, samples) in rows.items():
        base = medians.get((case, BASELINE))
        ratio = "" if base is None or tool == BASELINE else f"{medians[(case, tool)] / base:.2f}"
        lines.append((case, tool, fmt(medians[(case, tool)]), fmt(min(samples)), fmt(max(samples)),
                      unit, str(len(samples)), ratio))
    widths = [max(len(l[i]) for l in lines) for i in range(len(header))]
    for i, l in enumerate(lines):
        print("  ".join(c.ljust(w) if j < 2 or j == 5 else c.rjust(w) for j, (c, w) in enumerate(zip(l, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def difference(results, case, base, label):
    rows = load(results)
    parts = [f"{tool} {fmt(statistics.median(samples) - statistics.median(rows[(base, tool)][1]))} {unit}"
             for (c, tool), (unit, samples) in rows.items()
             if c == case and tool != BASELINE and (base, tool) in rows]
    print(f"{label}: {', '.join(parts) if parts else 'no tool ran both cases'}")


def fmt(v):
    return f"{v:.0f}" if abs(v) >= 100 else f"{v:.1f}"


def main(argv):
    match argv:
        case ["hyperfine", results, case, unit, export]:
            add_hyperfine(results, case, unit, export)
        case ["add", results, case, tool, unit, *values] if values:
            add(results, case, tool, unit, [float(v) for v in values])
        case ["table", results]:
            table(results)
        case ["difference", results, case, base, label]:
            difference(results, case, base, label)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
