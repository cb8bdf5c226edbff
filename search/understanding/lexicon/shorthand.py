"""Shorthand RMs type into a search box, and the words it stands for.

The question is rewritten with these before any reader runs, so that every reader's phrases hold
for "w/ a HELOC" as for "with a HELOC". Only shorthand with one meaning in a bank's book belongs
here: "mo" is also Missouri, "cc" also a copy, so neither is.
"""

SHORTHAND: dict[str, str] = {
    "w/o": "without",
    "w/in": "within",
    "w/": "with ",
    "acct": "account",
    "accts": "accounts",
    "yr": "year",
    "yrs": "years",
    "y/o": "years old",
    "yo": "years old",
    "mos": "months",
    "mths": "months",
    "wks": "weeks",
    "mgmt": "management",
    "wm": "wealth management",
    "mtg": "mortgage",
    "mtge": "mortgage",
    "biz": "business",
    "thru": "through",
    "ppl": "people",
    "custs": "customers",
    "approx": "about",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "arent": "aren't",
    "isnt": "isn't",
    "wont": "won't",
    "cant": "can't",
    "werent": "weren't",
    # British and Canadian words for the same things
    "chequing": "checking",
    "cheque": "check",
    "cheques": "checks",
    "dependant": "dependent",
    "dependants": "dependents",
    "gic": "CD",
    "gics": "CDs",
    "uni": "university",
    "programme": "program",
    "programmes": "programs",
}

# A hyphenated phrase is read as its words ("out-of-work", "middle-of-the-road", "fair-credit"):
# the lexicon's phrases are written with spaces. Hyphens are kept elsewhere ("self-employed",
# "sub-600", "first-time").
HYPHENATED_PHRASE = (
    r"\b[a-z]+(?:-(?:of|to|in|on|at|the|a|and|for|by)-[a-z]+)+\b"
    r"|\b(?:good|fair|poor|bad|great|excellent|strong|weak|low|high|top|middle|mid|big|average)-"
    r"(?:credit|income|earners?|earning|paid|salary|salaried|risk|wealth)\b"
)
