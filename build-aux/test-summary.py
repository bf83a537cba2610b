#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test results from meson's testlog.json and prints `N passed, N failed`.

meson prints no such line itself. Each GTest program reports its cases as TAP,
so cases are counted one by one; a program that crashed counts as a failure
even when its TAP output was cut short. Exits 1 when anything failed or when
no test ran at all (meson exits 0 with "No tests defined").
"""
import json
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "_build/meson-logs/testlog.json"
passed = failed = skipped = 0
failures = []

try:
    lines = open(path, encoding="utf-8").read().splitlines()
except OSError as e:
    print(f"no test log at {path}: {e}")
    print("0 passed, 1 failed")
    sys.exit(1)

for line in lines:
    if not line.strip():
        continue
    test = json.loads(line)
    result = test["result"]
    cases = re.findall(r"^(not ok|ok)\b(.*)$", test.get("stdout") or "", re.M)
    t_passed = sum(1 for status, rest in cases if status == "ok" and "# SKIP" not in rest)
    t_skipped = sum(1 for status, rest in cases if status == "ok" and "# SKIP" in rest)
    t_failed = sum(1 for status, _ in cases if status == "not ok")
    if not cases:
        if result in ("OK", "EXPECTEDFAIL"):
            t_passed = 1
        elif result == "SKIP":
            t_skipped = 1
    if result in ("FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS") and t_failed == 0:
        t_failed = 1
    if t_failed:
        failures.append(f"{test['name']} ({result})")
    passed += t_passed
    failed += t_failed
    skipped += t_skipped

if passed + failed == 0:
    print("no tests ran")
    failed = 1
if failures:
    print("failed: " + ", ".join(failures))
if skipped:
    print(f"{skipped} skipped")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
