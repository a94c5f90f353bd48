"""ITIL's impact x urgency matrix onto P1-P5, and a custom matrix checked for monotonicity.

python examples/itil_matrix.py
"""

from __future__ import annotations

from servicedesk_core import FOUR_TIER, ITIL_MATRIX, PriorityMatrix


def show(matrix: PriorityMatrix) -> None:
    width = max(len(name) for name in (*matrix.impacts, *matrix.urgencies)) + 2
    print(f"{'impact / urgency':>18}" + "".join(f"{u:>{width}}" for u in matrix.urgencies))
    for impact, row in zip(matrix.impacts, matrix.rows, strict=True):
        print(f"{impact:>18}" + "".join(f"{level.name:>{width}}" for level in row))


# A desk's own matrix with one cell set by mistake: wide impact, low urgency is Low,
# below the narrower impact's Medium.
DESK_MATRIX = PriorityMatrix.from_rows(
    FOUR_TIER,
    impacts=["organization", "department", "person"],
    urgencies=["now", "today", "this week"],
    rows=[
        ["Critical", "High", "Low"],
        ["High", "Medium", "Medium"],
        ["Medium", "Low", "Low"],
    ],
)


def main() -> None:
    print(f"ITIL (monotonic: {ITIL_MATRIX.is_monotonic})")
    show(ITIL_MATRIX)
    print()
    print(f"desk (monotonic: {DESK_MATRIX.is_monotonic})")
    show(DESK_MATRIX)
    for violation in DESK_MATRIX.violations():
        print("  !", violation)


if __name__ == "__main__":
    main()
