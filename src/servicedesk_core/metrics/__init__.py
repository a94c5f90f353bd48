"""Ticket figures and contract accounting from event logs and SLA reports."""
