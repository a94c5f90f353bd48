"""Helpers for users' test suites (needs the ``test`` extra: hypothesis).

Not imported by ``servicedesk_core`` itself.
"""
