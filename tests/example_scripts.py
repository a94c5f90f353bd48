"""Load the scripts of ``examples/`` and ``bench/`` as modules, for tests to use."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def load(name: str) -> ModuleType:
    """Import ``examples/<name>.py`` once, as module ``examples_<name>``."""
    return _load("examples", name)


def load_bench(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` once, as module ``bench_<name>``."""
    return _load("bench", name)


def _load(folder: str, name: str) -> ModuleType:
    module_name = f"{folder}_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, ROOT / folder / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
