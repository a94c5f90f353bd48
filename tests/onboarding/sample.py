"""The seed's sample order (from ``examples/onboarding_port_order.py``) and helpers."""

import datetime as dt
import runpy
from pathlib import Path
from typing import Any

import attrs

from servicedesk_core import Document, PortOrder, ReceivedDocument, Report, validate_port_order

EXAMPLE = runpy.run_path(str(Path(__file__).parents[2] / "examples" / "onboarding_port_order.py"))
ORDER: PortOrder = EXAMPLE["ORDER"]
DOCUMENTS: tuple[ReceivedDocument, ...] = EXAMPLE["DOCUMENTS"]
PROVIDER = EXAMPLE["PROVIDER"]
NOW: dt.datetime = EXAMPLE["NOW"]  # Monday 2 March 2026, 10:30 Eastern
D = dt.date


def validate(
    order: PortOrder = ORDER, documents: tuple[ReceivedDocument, ...] = DOCUMENTS, **changes: Any
) -> Report:
    return validate_port_order(
        attrs.evolve(order, **changes), documents=documents, now=NOW, calendar=PROVIDER
    )


def with_document(document: ReceivedDocument) -> tuple[ReceivedDocument, ...]:
    return (*without(document.document), document)


def without(kind: Document) -> tuple[ReceivedDocument, ...]:
    return tuple(d for d in DOCUMENTS if d.document is not kind)


def issues(report: Report) -> set[tuple[str, str]]:
    return {(issue.code, issue.path) for issue in report}
