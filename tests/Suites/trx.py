#!/usr/bin/env python3
"""Reads the .trx files of tests/Suites/run.sh and compares a library's unwoven and woven runs.

  trx.py summary RUN.trx...              passed failed skipped total (over the files, a test counted once)
  trx.py crashed LOG                     the tests a console log says were running when the host crashed
  trx.py compare ORIG.trx WOVEN.trx... [--crashed NAME]... [--report FILE]
                                         per-test outcomes: prints "differences regressions" and writes a report

A test is keyed by its class and name (TestMethod className + name, theory arguments included), a
number added when the same key occurs more than once. Outcomes: Passed, Failed, NotExecuted
(skipped), and for the woven side also Crashed (running when the test host died; --crashed) and
Missing (never reported: the run was cut short). When several woven files are given (a run and its
reruns after a crash), the later file's outcome wins for a test reported twice.

A regression is a test that passed unwoven and did not pass woven (failed, crashed, missing, or
skipped). A difference is any test whose outcome differs, including a test that failed unwoven and
passes woven (flaky tests: reported, not counted as regressions).
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def load(path):
    """Returns {key: (outcome, message, stack)} for one trx file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return {}
    names = {}
    for ut in root.iterfind(".//t:UnitTest", NS):
        tm = ut.find("t:TestMethod", NS)
        cls = tm.get("className", "") if tm is not None else ""
        names[ut.get("id")] = cls
    results, seen = {}, {}
    for r in root.iterfind(".//t:UnitTestResult", NS):
        cls = names.get(r.get("testId"), "")
        name = r.get("testName", "")
        base = name if not cls or name.startswith(cls + ".") else cls + "." + name
        n = seen.get(base, 0)
        seen[base] = n + 1
        key = base if n == 0 else "%s #%d" % (base, n + 1)
        msg = r.find(".//t:ErrorInfo/t:Message", NS)
        st = r.find(".//t:ErrorInfo/t:StackTrace", NS)
        results[key] = (r.get("outcome", "?"),
                        (msg.text or "") if msg is not None else "",
                        (st.text or "") if st is not None else "")
    return results


def merge(paths):
    merged = {}
    for p in paths:
        merged.update(load(p))
    return merged


def counts(results):
    passed = sum(1 for o, _, _ in results.values() if o == "Passed")
    failed = sum(1 for o, _, _ in results.values() if o in ("Failed", "Error", "Timeout", "Aborted", "Crashed", "Missing"))
    skipped = sum(1 for o, _, _ in results.values() if o in ("NotExecuted", "Inconclusive", "Skipped"))
    return passed, failed, skipped, len(results)


def crashed(log):
    """Names after 'The test running when the crash occurred:' in a vstest console log (--blame)."""
    out, on = [], False
    try:
        lines = open(log, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return out
    for line in lines:
        s = line.strip()
        if s.startswith("The test running when the crash occurred"):
            on = True
            continue
        if on:
            if not s or s.startswith("This test may, or may not be"):
                on = False
                continue
            out.append(s)
    return out


def compare(orig_path, woven_paths, crashed_names, report):
    orig = load(orig_path)
    woven = merge(woven_paths)
    crashed_set = set(crashed_names)
    for key in list(orig):
        if key not in woven:
            woven[key] = ("Crashed" if key.split(" #")[0] in crashed_set else "Missing", "", "")
    regressions, other = [], []
    for key in sorted(set(orig) | set(woven)):
        o = orig.get(key, ("Absent", "", ""))
        w = woven.get(key, ("Absent", "", ""))
        if o[0] == w[0]:
            continue
        if o[0] == "Passed":
            regressions.append((key, o, w))
        else:
            other.append((key, o, w))
    with open(report, "w", encoding="utf-8") as f:
        f.write("# %d regressions (passed unwoven, not woven), %d other differences\n" % (len(regressions), len(other)))
        for title, rows in (("regression", regressions), ("difference", other)):
            for key, o, w in rows:
                f.write("\n%s\t%s\tunwoven=%s\twoven=%s\n" % (title, key, o[0], w[0]))
                side = w if o[0] == "Passed" else o
                if side[1]:
                    f.write("  message: %s\n" % side[1].strip().replace("\n", "\n           "))
                if side[2]:
                    f.write("  stack:\n    %s\n" % "\n    ".join(side[2].strip().splitlines()[:25]))
    p, fl, s, t = counts(woven)
    print(len(regressions) + len(other), len(regressions), p, fl, s, t)


def main(argv):
    if len(argv) >= 2 and argv[0] == "summary":
        print(*counts(merge(argv[1:])))
    elif len(argv) == 2 and argv[0] == "crashed":
        for name in crashed(argv[1]):
            print(name)
    elif len(argv) >= 3 and argv[0] == "compare":
        files, crashed_names, report, i = [], [], "/dev/stdout", 1
        while i < len(argv):
            if argv[i] == "--crashed":
                crashed_names.append(argv[i + 1]); i += 2
            elif argv[i] == "--report":
                report = argv[i + 1]; i += 2
            else:
                files.append(argv[i]); i += 1
        compare(files[0], files[1:], crashed_names, report)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
