"""Strategies for staffing workloads and targets."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.staffing import StaffingTarget, Workload

__all__ = ["staffing_targets", "workloads"]


def workloads(
    *, min_erlangs: float = 0.0, max_erlangs: float = 200.0
) -> st.SearchStrategy[Workload]:
    """Generate workloads whose offered load lies in ``[min_erlangs, max_erlangs]``.

    Handle times run from 30 seconds to an hour, in whole seconds.
    """
    if not 0 <= min_erlangs <= max_erlangs:
        raise InvalidArgument(
            f"need 0 <= min_erlangs <= max_erlangs, got {min_erlangs} and {max_erlangs}"
        )

    @st.composite
    def build(draw: st.DrawFn) -> Workload:
        seconds = draw(st.integers(min_value=30, max_value=3600))
        erlangs = draw(st.floats(min_value=min_erlangs, max_value=max_erlangs))
        return Workload(
            arrivals_per_hour=erlangs * 3600 / seconds, handle_time=dt.timedelta(seconds=seconds)
        )

    return build()


def staffing_targets(*, occupancy_caps: bool = True) -> st.SearchStrategy[StaffingTarget]:
    """Generate staffing targets: 50-99% within 0 s to 5 min, optional cap and shrinkage."""
    return st.builds(
        StaffingTarget,
        service_level=st.floats(min_value=0.5, max_value=0.99),
        within=st.integers(min_value=0, max_value=300).map(lambda s: dt.timedelta(seconds=s)),
        max_occupancy=(
            st.none() | st.floats(min_value=0.5, max_value=1.0) if occupancy_caps else st.none()
        ),
        shrinkage=st.sampled_from([0.0, 0.1, 0.3, 0.5]),
    )
