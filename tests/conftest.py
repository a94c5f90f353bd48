"""Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (thorough).

Select with ``HYPOTHESIS_PROFILE=ci make test``.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
