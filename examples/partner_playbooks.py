"""The four diagnostic playbooks of the partner guide (seed 003, Appendix D), as data.

Run it to print every path through every playbook:

    python examples/partner_playbooks.py

"Us" in the guide is the platform vendor (Tier 3). When every check passes, the
request goes to Tier 2: Tier 1 "escalates anything they can't solve in 15 minutes".
"""

from __future__ import annotations

from servicedesk_core.playbook import Check, Escalate, Escalation, Playbook, Resolve

VENDOR = "Tier 3 (vendor)"
TIER_2 = "Tier 2"
UNSOLVED = Escalate(to=TIER_2, means="every Tier 1 check passed; the cause is still unknown")

OUTBOUND_CALLS = Playbook(
    name="outbound-calls",
    symptom="I can't make outbound calls",
    checks=[
        Check(
            id="registered",
            question="Is the extension registered (status online in the tenant's Extensions list)?",
            on_no=Resolve(
                means="the extension is not registered",
                remedy="Get the phone registered (see the phone-won't-register playbook)",
            ),
        ),
        Check(
            id="valid-number",
            question="Are they dialling a valid number that carriers do not block?",
            on_no=Resolve(
                means="the number is invalid, or carriers block calls to its country code",
                remedy="Dial a valid number; calls to that country code are blocked",
            ),
        ),
        Check(
            id="usage-cap",
            question="Are they within their usage cap (check their limits)?",
            on_no=Resolve(
                means="they are over their usage cap",
                remedy="Raise the usage cap or wait for it to reset",
            ),
        ),
        Check(
            id="wallet",
            question="Does their wallet have funds (check billing status)?",
            on_no=Resolve(means="their wallet is exhausted", remedy="Top up the wallet"),
        ),
        Check(
            id="cdr-no-route",
            question="Does the CDR log the call attempt with hangup cause NO_ROUTE or similar?",
            on_yes=Escalate(to=VENDOR, means="a routing issue", attach=["CDR of the attempt"]),
        ),
    ],
    otherwise=UNSOLVED,
)

VOICEMAIL_TO_EMAIL = Playbook(
    name="voicemail-to-email",
    symptom="My voicemail isn't being delivered to email",
    checks=[
        Check(
            id="emails-configured",
            question="Does the voicemail box have emails configured (Voicemail page → Edit box)?",
            on_no=Resolve(
                means="the voicemail box has no email address",
                remedy="Add the email addresses to the voicemail box",
            ),
        ),
        Check(
            id="email-attach",
            question='Is "Email Attach" on, or do they not need the audio file?',
            on_no=Resolve(
                means='"Email Attach" is off but they want the audio file',
                remedy='Turn on "Email Attach"',
            ),
        ),
        Check(
            id="email-accepted",
            question="Does their email accept platform email (not in spam, SPF/DKIM not failing)?",
            on_no=Resolve(
                means="their email blocks platform email",
                remedy="Check the spam folder; have their IT allow the platform's SPF/DKIM",
            ),
        ),
    ],
    otherwise=UNSOLVED,
)

CALLER_ID_NAME = Playbook(
    name="caller-id-name",
    symptom="Caller ID name is showing as the number, not our company name",
    checks=[
        Check(
            id="cnam-set",
            question="Is the CNAM set on the DID?",
            on_no=Resolve(
                means="no CNAM is set",
                remedy="Set the CNAM, wait 24-48 hours, ask them to test again",
            ),
        ),
        Check(
            id="over-48-hours",
            question="Has it been more than 48 hours since the CNAM was set?",
            on_no=Resolve(
                means="CNAM hasn't propagated yet: the national CNAM database takes 24-48 hours",
                remedy="Wait until 48 hours have passed, then ask them to test again",
            ),
        ),
        Check(
            id="sync-not-failed",
            question="Is the DID's CNAM Sync Status (DID Inventory) something other than Failed?",
            on_no=Resolve(
                means="the CNAM may have been rejected (too long, special characters, profanity)",
                remedy="Try a shorter version",
            ),
        ),
    ],
    otherwise=UNSOLVED,
)

PHONE_WONT_REGISTER = Playbook(
    name="phone-wont-register",
    symptom="Phone won't register",
    checks=[
        Check(
            id="credentials",
            question="Are the SIP credentials correct (extension number, password, server)?",
            on_no=Resolve(means="wrong SIP credentials", remedy="Correct the SIP credentials"),
        ),
        Check(
            id="network",
            question="Is the phone on a network that allows outbound SIP (port 5060 UDP)?",
            on_no=Resolve(
                means="the network blocks outbound SIP",
                remedy="Have the firewall allow outbound SIP (port 5060 UDP)",
            ),
        ),
        Check(
            id="firmware",
            question="Is the phone firmware up to date?",
            on_no=Resolve(means="outdated firmware", remedy="Update the phone firmware"),
        ),
        Check(
            id="softphone",
            question="Does a softphone register with the same credentials?",
            on_yes=Resolve(
                means="phone-side issue", remedy="Fix or replace the phone; the account works"
            ),
            on_no=Escalate(
                to=VENDOR,
                means="the account does not register from any device",
                attach=["SIP credentials", "calling IP"],
            ),
        ),
    ],
)

PLAYBOOKS = (OUTBOUND_CALLS, VOICEMAIL_TO_EMAIL, CALLER_ID_NAME, PHONE_WONT_REGISTER)


def main() -> None:
    for playbook in PLAYBOOKS:
        print(f'== "{playbook.symptom}" ({len(playbook.checks)} checks)')
        for answers, end in playbook.paths():
            walked = ", ".join(f"{check}={'yes' if a else 'no'}" for check, a in answers.items())
            if isinstance(end, Escalation):
                target = f"escalate to {end.to}, attach: {', '.join(end.attach) or 'answers'}"
            else:
                target = f"resolve: {end.remedy}"
            print(f"  {walked}\n    -> {end.means}; {target}")


if __name__ == "__main__":
    main()
