"""Hypothesis profiles: ``dev`` (default, quick), ``ci`` (thorough) and ``mutation``.

Select with ``HYPOTHESIS_PROFILE=ci make test``.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(  # mutation runs: fast, order-independent, no example database
    "mutation", max_examples=20, deadline=None, derandomize=True, database=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
