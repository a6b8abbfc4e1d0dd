"""Check a suite file against the decoded documents of several folders: every line parses, every quote is found.

`python -m eval.validate_parts SUITE.jsonl [--corpus DIR ...]` (default: the sample and development corpora).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from eval.suite import SuiteError, load_suite, validate_quotes

DEFAULT_CORPORA = (Path("../shared/corpus"), Path("../shared/corpus-dev"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("suite", type=Path)
    ap.add_argument("--corpus", type=Path, action="append")
    args = ap.parse_args(argv)
    try:
        cases = load_suite(args.suite)
    except SuiteError as e:
        print(e)
        return 1
    problems = validate_quotes(cases, args.corpus or list(DEFAULT_CORPORA))
    for p in problems:
        print(p)
    kinds = Counter(c.tags[0] if c.tags else "?" for c in cases)
    print("by type:", dict(kinds))
    print(f"{args.suite}: {len(cases)} cases ({sum(not c.answerable for c in cases)} unanswerable), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
