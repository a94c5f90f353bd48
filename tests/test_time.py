"""The cached UTC offsets of a day agree with zoneinfo, on DST days and odd zones too."""

import datetime as dt
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core._time import EPOCH_ORDINAL, US_PER_DAY, from_us, local_to_us, utc_offset_us

ZONES = st.sampled_from(
    [
        "America/Chicago",
        "Europe/London",
        "Australia/Lord_Howe",  # half-hour DST
        "Asia/Kolkata",
        "America/St_Johns",
        "Pacific/Apia",  # skipped a whole day in 2011
        "America/Havana",  # DST at midnight
        "UTC",
    ]
).map(zoneinfo.ZoneInfo)
DAYS = st.integers(dt.date(1990, 1, 1).toordinal(), dt.date(2040, 12, 31).toordinal())
US = dt.timedelta(microseconds=1)


@given(ZONES, DAYS, st.integers(0, 2 * US_PER_DAY))
def test_local_to_us_resolves_wall_times_like_zoneinfo(tz, ordinal: int, offset: int) -> None:
    naive = dt.datetime.fromordinal(ordinal) + dt.timedelta(microseconds=offset)
    wanted = (naive.replace(tzinfo=tz) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // US
    assert wanted == local_to_us(ordinal, offset, tz)


@given(ZONES, DAYS, st.integers(0, US_PER_DAY - 1))
def test_utc_offset_us_is_zoneinfos_offset(tz, ordinal: int, within: int) -> None:
    x = (ordinal - EPOCH_ORDINAL) * US_PER_DAY + within
    offset = from_us(x, tz).utcoffset()
    assert offset is not None
    assert offset // US == utc_offset_us(x, tz)


def test_every_half_hour_of_a_year_with_dst_at_midnight_and_half_hour_dst() -> None:
    """Transition days take the exact path; every other day the cached offset."""
    start = dt.date(2025, 1, 1).toordinal()
    for name in ("America/Havana", "Australia/Lord_Howe", "America/Chicago"):
        tz = zoneinfo.ZoneInfo(name)
        for ordinal in range(start, start + 365):
            for half_hours in range(48):
                offset = half_hours * 1_800_000_000
                naive = dt.datetime.fromordinal(ordinal) + dt.timedelta(microseconds=offset)
                wanted = (naive.replace(tzinfo=tz) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // US
                assert wanted == local_to_us(ordinal, offset, tz)
                exact = from_us(wanted, tz).utcoffset()
                assert exact is not None
                assert exact // US == utc_offset_us(wanted, tz)
