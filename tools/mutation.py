"""Mutation testing with mutmut: can each package's tests catch a mistake in it?

For each package, in a scratch copy of the project (``.mutation/<package>/``),
mutmut mutates the package's modules and runs the package's own tests
(``tests/<package>/``) against each mutant. By default it samples ``--sample``
mutants (150) with a fixed seed; ``--full`` runs every one (1,100-1,500 per
package, 40 minutes and more on 2 cores). The Hypothesis profile ``mutation``
(``tests/conftest.py``) keeps each run fast and order-independent: derandomized,
20 examples, no example database.

    make mutation                                          # the five packages, sampled
    .venv/bin/python tools/mutation.py calendar authz      # some packages
    .venv/bin/python tools/mutation.py --full sla           # every mutant
    .venv/bin/python tools/mutation.py --survivors authz    # and list what survived
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
SCRATCH = ROOT / ".mutation"
PACKAGES = ("calendar", "sla", "authz", "onboarding", "escalation")
TESTS = {  # the tests of each package (lead-time rules live in calendar, their seeds in onboarding)
    "calendar": ["tests/calendar", "tests/onboarding/test_lead_times.py"],
    "sla": ["tests/sla"],
    "authz": ["tests/authz"],
    "onboarding": ["tests/onboarding"],
    "escalation": ["tests/escalation"],
}
COPIED = ("src", "tests", "examples", "bench", "docs", "README.md", "CHANGELOG.md")
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # mutmut's codes for killed, timed out, type check
SKIPPED = {34}


def workspace(package: str) -> Path:
    """A scratch copy of the project whose mutmut settings point at one package."""
    place = SCRATCH / package
    if place.exists():
        shutil.rmtree(place)
    place.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, place / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, place / name)
    settings = (ROOT / "pyproject.toml").read_text() + (
        "\n[tool.mutmut]\n"
        'source_paths = ["src/servicedesk_core"]\n'
        f'only_mutate = ["src/servicedesk_core/{package}/*"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(TESTS[package])}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
        'also_copy = ["examples", "bench", "docs", "README.md", "CHANGELOG.md"]\n'
    )
    (place / "pyproject.toml").write_text(settings)
    return place


def results(place: Path) -> dict[str, int | None]:
    """Every mutant mutmut generated there, with its exit code (``None``: not run)."""
    found: dict[str, int | None] = {}
    for meta in (place / "mutants").rglob("*.meta"):
        found.update(json.loads(meta.read_text())["exit_code_by_key"])
    return found


def mutmut(place: Path, names: list[str]) -> None:
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", "2", *names]
    if subprocess.run(command, cwd=place, env=env, stdout=subprocess.DEVNULL).returncode:
        sys.exit(f"mutmut failed in {place}")


def score(package: str, sample: int | None, seed: int) -> tuple[str, list[str]]:
    place = workspace(package)
    prefix = f"servicedesk_core.{package}."
    names = sorted(name for name in _generate(place) if name.startswith(prefix))
    chosen = names if sample is None else random.Random(seed).sample(names, min(sample, len(names)))
    mutmut(place, chosen)
    done = results(place)
    counted = [name for name in chosen if done.get(name) not in SKIPPED]
    killed = [name for name in counted if done.get(name) in KILLED]
    line = f"{package}: {len(killed)}/{len(counted)} killed ({len(killed) / len(counted):.0%})"
    return line, sorted(set(counted) - set(killed))


def _generate(place: Path) -> dict[str, int | None]:
    """Generate the mutants and learn which tests cover what, running no mutant yet."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", "2", "no-such-mutant"]
    subprocess.run(
        command, cwd=place, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return results(place)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="*", default=list(PACKAGES), choices=PACKAGES)
    parser.add_argument("--sample", type=int, default=150, help="mutants per package")
    parser.add_argument("--seed", type=int, default=11, help="which mutants are sampled")
    parser.add_argument("--full", action="store_true", help="run every mutant")
    parser.add_argument("--survivors", action="store_true", help="list the mutants that survived")
    args = parser.parse_args()
    for package in args.packages:
        started = time.perf_counter()
        line, survivors = score(package, None if args.full else args.sample, args.seed)
        print(f"{line} in {(time.perf_counter() - started) / 60:.1f} minutes", flush=True)
        if args.survivors:
            print("".join(f"  survived: {name}\n" for name in survivors), end="", flush=True)


if __name__ == "__main__":
    main()
