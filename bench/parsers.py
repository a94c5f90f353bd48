"""Verdict time of every parser and validator on a pasted megabyte.

The same doors as ``tests/test_linear_parsing.py`` (which asserts each stays under
100 ms): prints the milliseconds each one takes, best of five.

    .venv/bin/python bench/parsers.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.fuzz import MEGABYTE, verdict_time
from tests.test_linear_parsing import PARSERS


def main() -> None:
    print(f"{'parser or validator':<50} ms for 1 MB")
    for name, (parse, errors) in PARSERS.items():
        verdict_time(lambda: parse("warm up"), *errors)  # noqa: B023
        best = min(verdict_time(lambda: parse(MEGABYTE), *errors) for _ in range(5))  # noqa: B023
        print(f"{name:<50} {best * 1000:8.3f}")


if __name__ == "__main__":
    main()
