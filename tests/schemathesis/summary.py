"""One line per role from schemathesis' JSON reports and console output (run.sh).

    summary.py ROLES_FILE REPORT_DIR

ROLES_FILE has `role exit_code seconds` lines; REPORT_DIR holds `<role>.json` (the JSON
report) and `<role>.log` (the console output, for the stateful phase's scenarios and
links, which the JSON report does not carry). Exits 1 when a role failed.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys


def stateful(log: str) -> str:
    scenarios = re.search(r"Scenarios:\s+(\d+)", log)
    links = re.search(r"API Links:\s+(\d+) covered / (\d+) selected", log)
    if not scenarios:
        return "stateful not run"
    text = f"{scenarios.group(1)} stateful scenarios"
    if links:
        text += f", links {links.group(1)}/{links.group(2)} covered"
    return text


def main() -> int:
    roles_file, report_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    failed = False
    for line in roles_file.read_text().splitlines():
        role, code, seconds = line.split()
        failed |= code != "0"
        report = report_dir / f"{role}.json"
        log = report_dir / f"{role}.log"
        if not report.exists():
            print(f"{role:12} exit {code}, no report")
            continue
        r = json.loads(report.read_text())
        phases = ",".join(name for name, p in r["phases"].items() if p["status"] != "skip")
        ops = r["operations"]
        cases = r["test_cases"]
        failures = sum(f["count"] for f in r["failures"])
        kinds = ", ".join(f"{f['code']} {f['title']}: {f['count']}" for f in r["failures"])
        print(
            f"{role:12} {ops['tested']}/{ops['total']} operations, {cases['generated']} test cases, "
            f"phases {phases}; {stateful(log.read_text() if log.exists() else '')}; "
            f"{failures} failures{' (' + kinds + ')' if kinds else ''}, "
            f"{len(r['errors'])} errors, {r['filtered']} dropped by hooks; {seconds} s"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
