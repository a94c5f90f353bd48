"""Slow, obvious restatements of the NANP rules, one line each, for differential tests."""


def nanp_oracle(digits: str) -> frozenset[str]:
    """The codes ten digits should get: each rule read straight from the issue."""
    npa, nxx, line = digits[0:3], digits[3:6], digits[6:10]
    codes = set()
    if npa[0] in ("0", "1"):
        codes.add("phone.area_code_leading_digit")
    if npa[1] == "9":
        codes.add("phone.area_code_reserved")
    if npa in ("211", "311", "411", "511", "611", "711", "811", "911"):
        codes.add("phone.area_code_n11")
    if nxx[0] in ("0", "1"):
        codes.add("phone.exchange_leading_digit")
    if nxx in ("211", "311", "411", "511", "611", "711", "811", "911"):
        codes.add("phone.exchange_n11")
    if nxx == "555" and 100 <= int(line) <= 199:
        codes.add("phone.fictional")
    return frozenset(codes)
