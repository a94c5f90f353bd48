"""The example policy of examples/reseller_authz.py, loaded once for the tests."""

from __future__ import annotations

from tests.example_scripts import EXAMPLES, load

EXAMPLE = EXAMPLES / "reseller_authz.py"
example = load("reseller_authz")
