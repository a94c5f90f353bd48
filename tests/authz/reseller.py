"""The example policy of examples/reseller_authz.py, loaded once for the tests."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
from types import ModuleType

EXAMPLE = pathlib.Path(__file__).parents[2] / "examples" / "reseller_authz.py"


def _load() -> ModuleType:
    name = "reseller_authz_example"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


example = _load()
