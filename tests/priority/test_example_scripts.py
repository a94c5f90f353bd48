"""The priority and playbook example scripts run and print what they promise."""

import subprocess
import sys

import pytest

from tests.example_scripts import EXAMPLES


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        (
            "priority_seeds.py",
            [
                "<PriorityScheme 'onboarding-guide': Critical > High > Medium > Standard>",
                "one-hour escalation for: Critical, High",
                "T-102 Critical arrived 08:00",
            ],
        ),
        (
            "partner_playbooks.py",
            [
                '== "Phone won\'t register" (4 checks)',
                "escalate to Tier 3 (vendor), attach: SIP credentials, calling IP",
            ],
        ),
        (
            "itil_matrix.py",
            [
                "ITIL (monotonic: True)",
                "! ('organization', 'this week') is Low but ('department', 'this week')",
            ],
        ),
    ],
)
def test_example_script_runs(script: str, expected: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script)], capture_output=True, text=True, check=True
    )
    for line in expected:
        assert line in result.stdout
    assert result.stderr == ""
