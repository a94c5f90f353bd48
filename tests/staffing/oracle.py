"""Slow, obvious reference formulas for the Erlang models (exact fractions, factorials)."""

from __future__ import annotations

import decimal
import math
from fractions import Fraction


def erlang_b(n: int, a: Fraction) -> Fraction:
    """B = (a^n / n!) / sum(a^k / k!) in exact arithmetic."""
    terms = [a**k / math.factorial(k) for k in range(n + 1)]
    return terms[-1] / sum(terms)


def erlang_c(n: int, a: Fraction) -> Fraction:
    """C = (a^n / n! * n / (n - a)) / (sum_{k<n} a^k / k! + a^n / n! * n / (n - a))."""
    top = a**n / math.factorial(n) * n / (n - a)
    return top / (sum(a**k / math.factorial(k) for k in range(n)) + top)


def erlang_a(n: int, a: float, theta: float, t: float, depth: int = 25) -> tuple[float, ...]:
    """(P(wait), P(abandon), service level) of M/M/n+M, time in handle times.

    The chain truncated at ``n + depth`` callers, products of rates written
    out. A caller with ``i`` others ahead is answered after ``i + 1`` steps at
    distinct rates ``n + k * theta``: the hypoexponential density, whose
    alternating coefficients are exact fractions, integrated against the
    caller's own patience with 60-digit decimals.
    """
    weights = [a**k / math.factorial(k) for k in range(n + 1)]
    for j in range(1, depth + 1):
        weights.append(weights[-1] * a / (n + j * theta))
    total = sum(weights)
    p = [w / total for w in weights]
    waiting = p[n:]
    p_wait = sum(waiting)
    p_abandon = theta * sum(j * q for j, q in enumerate(waiting)) / a
    exact_theta = Fraction(theta)
    served = decimal.Decimal(0)
    with decimal.localcontext() as context:
        context.prec = 60
        dec_theta, dec_t = decimal.Decimal(theta), decimal.Decimal(t)
        for i, q in enumerate(waiting):
            rates = [n + k * exact_theta for k in range(i + 1)]
            for k, r in enumerate(rates):
                c = Fraction(1)
                for m, s in enumerate(rates):
                    if m != k:
                        c *= s / (s - r)
                dec_r = decimal.Decimal(r.numerator) / r.denominator
                dec_c = decimal.Decimal(c.numerator) / c.denominator
                gain = (1 - (-(dec_r + dec_theta) * dec_t).exp()) / (dec_r + dec_theta)
                served += decimal.Decimal(q) * dec_c * dec_r * gain
    return p_wait, p_abandon, 1 - p_wait + float(served)
