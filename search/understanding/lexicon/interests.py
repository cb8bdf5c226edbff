"""Interests: the phrases for each interest code. Interests rank; they never exclude."""

from customers.choices import Interest

INTEREST_PHRASES: list[tuple[Interest, tuple[str, ...]]] = [
    (Interest.EDUCATION_SAVINGS, (
        r"(?:sav(?:e|es|ing|ings) (?:up )?for |fund(?:ing)? |pay(?:ing)? for )?(?:(?:the|their|a|his|her) )?(?:(?:kids?|children|child|son|daughter|grandkids?|grandchildren)(?:'s|s'|')?\s+)?(?:college|university|education|tuition|school(?:ing)? (?:fees|costs))(?: (?:fund|funds|funding|savings?|costs?|expenses|plans?))?",
        "529(?: plans?| accounts?)?",
        "education savings",
    )),
    (Interest.RETIREMENT_PLANNING, (
        "retirement(?: (?:planning|plans?|savings?|income|goals?|readiness|nest egg))?",
        "(?:plan|planning|save|saving|prepare|preparing) (?:for )?(?:their |a comfortable )?retirement",
        r"401\(?k\)?s?",
        "pensions?(?: planning)?",
        "rollovers?",
    )),
    (Interest.SUSTAINABLE_INVESTING, (
        r"sustainab\w*(?:\s+(?:or|and|/)\s+(?:esg|ethical|green|impact))?(?:\s+invest\w*|\s+funds?|\s+portfolios?)?",
        r"esg(?:\s+(?:or|and|/)\s+(?:sustainable|ethical|green|impact))?(?:\s+invest\w*|\s+funds?|\s+portfolios?)?",
        r"(?:green|impact|ethical|socially responsible|responsible|climate[- ](?:conscious|friendly)|values[- ]based)\s+(?:invest\w*|funds?|portfolios?)",
    )),
    (Interest.REAL_ESTATE_INVESTING, (
        "real[- ]estate(?: investing| investments?| investors?| portfolios?)?",
        r"rental (?:propert\w+|income|units?|homes?)",
        r"investment propert\w+",
        r"(?:income|buy[- ]to[- ]let) propert\w+",
        "landlords?",
        "property investors?",
        "flipping (?:houses|homes)",
    )),
    (Interest.PHILANTHROPY, (
        r"(?:leav|giv|donat)(?:e|es|ing)(?: (?:money|assets|their wealth|back))? to (?:charit\w+|causes|nonprofits?|good causes)",
        r"charit\w+",
        r"philanthrop\w+",
        r"donat\w+",
        "giving back",
        "nonprofits?",
        r"endow\w+",
        "(?:charitable )?giving",
    )),
    (Interest.ESTATE_PLANNING, (
        "estates?(?: planning| plans?)?",
        r"wills?\b",
        r"trusts?\b",
        "inheritances?",
        "legacy",
        "succession",
        "heirs",
        "generational wealth",
        "pass(?:ing)? (?:on |down )?(?:their )?(?:wealth|money|assets)",
        "leav(?:e|ing) (?:money|assets|something) (?:to|for) (?:their )?(?:kids|children|heirs|family|grandchildren)",
    )),
    (Interest.WEALTH_MANAGEMENT, (
        "wealth (?:management|managers?|advisory|planning|services)",
        "private (?:banking|wealth)",
        "portfolio management",
        "managed accounts?",
        "manag(?:e|ing) (?:their )?(?:wealth|money|portfolio)",
        "financial (?:advice|planning)",
    )),
    (Interest.HOME_BUYING, (
        r"(?:first[- ]time )?(?:home|house|condo|property)[- ]?(?:buy(?:ers?|ing)|purchas\w*|hunt\w*|shopp\w*)",
        "buy(?:ing)? (?:a |their first |a first |a new |their own )?(?:home|house|condo|place|property)",
        r"sav\w* (?:up )?for (?:a |an |their |the )?(?:first |new |bigger )?(?:house|home|condo|place|down ?payment)",
        "(?:new|bigger|larger) (?:home|house)",
        r"upsiz\w+",
        "down ?payments?",
        "home ?ownership",
        "first home",
        "(?:get|getting) on the property ladder",
    )),
    (Interest.TRAVEL, (
        r"travel\w*",
        "trips?",
        r"vacation\w*",
        "holidays?",
        r"globetrott\w*",
        "see the world",
        "abroad",
        "wanderlust",
        "cruises?",
    )),
    (Interest.SMALL_BUSINESS, (
        "small business(?:es)?",
        r"(?:grow|expand|start|launch|scal)\w* (?:a |their |the |his |her )?(?:own )?(?:business|company|firm|practice)",
        "business (?:expansion|growth|needs|banking)",
        "their business",
        # a hope of owning one: not yet a business owner (``lexicon.profile``)
        r"(?:aspiring|would-be|future|prospective|wannabe|budding) (?:small[- ])?(?:business[- ]owners?|entrepreneurs?|founders?)",
        r"(?:want|wants|wanting|hope|hopes|hoping|plan|plans|planning|dream|dreams|dreaming|thinking about|thinks about)"
        r" (?:to |of |about )?(?:own|owning|run|running|open|opening|becoming|become|being|be) (?:a |an |their own |their |his own |her own )?"
        r"(?:(?:small )?(?:business(?:es)?|company|shop|firm)|(?:business )?owners?|entrepreneurs?|(?:their|his|her) own boss)",
    )),
    (Interest.DEBT_CONSOLIDATION, (
        "(?:debt|loan)[- ]consolidation",
        r"consolidat\w+(?: (?:their |of )?(?:debts?|loans?|credit cards?|balances?))?",
        r"refinanc\w+(?: (?:their )?(?:debts?|loans?))?",
        "pay(?:ing)? (?:off|down) (?:their )?(?:debts?|credit cards?|loans?|balances?)",
        "high[- ]interest (?:debt|cards?|balances?)",
        "carrying (?:a )?balances?",
        "(?:in |carrying |with |have |has )?(?:credit card )?debts?",
        "indebted",
    )),
    (Interest.CREDIT_BUILDING, (
        r"(?:build|rebuild|repair|improv|establish|boost|rais|strengthen|fix)\w* (?:up )?(?:their |his |her |a |some |good )?credit(?: scores?| histor(?:y|ies)| profiles?| ratings?)?",
        "credit[- ](?:building|builder|repair)",
        "thin credit(?: files?)?",
        "no credit history",
        "credit history",
    )),
    (Interest.INSURANCE, (
        r"insur\w+",
        "life cover",
        "coverage",
        r"protect\w* (?:their )?(?:family|families|loved ones|income)",
        r"annuit\w+",
    )),
    (Interest.TAX_PLANNING, (
        r"tax(?:es|ation)?(?:[- ](?:planning|efficien\w+|advantaged|strateg\w+|savings?|optimi\w+|bills?|burden|loss harvesting|free))?",
    )),
    (Interest.SAVING, (
        "sav(?:ers?|ings?(?: goals?)?|e money|ing money|e more)",
        "emergency funds?",
        "rainy[- ]day(?: funds?)?",
        "nest eggs?",
        "high[- ]yield",
        "frugal",
        "put(?:ting)? money aside",
    )),
    (Interest.INVESTING, (
        "invest(?:ing|ment|ments|ors?)?",
        "stocks?",
        "stock market",
        "equities",
        "mutual funds?",
        "etfs?",
        "grow(?:ing)? (?:their )?(?:money|wealth|savings)",
        "(?:the )?markets?",
    )),]  # fmt: skip
# "Investment products" reads as any interest in putting money to work, not one code.
INVESTMENT_PRODUCTS = (r"investment (?:products?|opportunities|options|solutions|services|offerings)",)
INVESTMENT_FAMILY = [
    Interest.INVESTING,
    Interest.WEALTH_MANAGEMENT,
    Interest.SUSTAINABLE_INVESTING,
    Interest.REAL_ESTATE_INVESTING,
]
