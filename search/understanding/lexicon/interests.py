"""Interests: the phrases for each interest code. Interests rank; they never exclude."""

from customers.choices import Interest

INTEREST_PHRASES: list[tuple[Interest, tuple[str, ...]]] = [
    (Interest.EDUCATION_SAVINGS, (
        r"(?:sav(?:e|es|ing|ings) (?:up )?for |fund(?:ing)? |pay(?:ing)? for |build(?:ing)? |start(?:ing)? )?(?:(?:the|their|a|his|her) )?(?:(?:kids?|children|child|son|daughter|grandkids?|grandchildren)(?:'s|s'|')?\s+)?(?:college|university|education|tuition|school(?:ing)? (?:fees|costs))(?: (?:fund|funds|funding|savings?|costs?|expenses|plans?))?",
        "529(?: plans?| accounts?)?",
        "education savings",
    )),
    (Interest.RETIREMENT_PLANNING, (
        r"(?:a |their )?(?:comfortable|secure|early|happy|dignified) retirement",
        "retirement(?: (?:planning|plans?|savings?|income|goals?|readiness|nest egg))?",
        "(?:plan|planning|save|saving|prepare|preparing) (?:for )?(?:their |a comfortable )?retirement",
        r"401\(?k\)?s?",
        "pensions?(?: planning)?",
        "rollovers?",
        r"outliv\w* (?:their |his |her |the )?(?:savings|money|nest eggs?|assets|funds|income)",
        "run(?:s|ning)? out of (?:money|savings|funds) (?:in|during|after) retirement",
        "(?:afford|enough|save enough|saved enough) to retire(?: early| comfortably)?",
        "retir(?:e|ing) (?:comfortably|early|well|on time)",
    )),
    (Interest.SUSTAINABLE_INVESTING, (
        r"invest\w* (?:responsibly|ethically|sustainably|with (?:a )?conscience|for good)",
        r"(?:their )?(?:money|investments?|portfolios?|savings) to do (?:some )?good",
        r"do(?:es|ing)? good with (?:their |his |her )?(?:money|investments?|savings)",
        r"sustainab\w*(?:\s+(?:or|and|/)\s+(?:esg|ethical|green|impact))?(?:\s+invest\w*|\s+funds?|\s+portfolios?)?",
        r"esg(?:\s+(?:or|and|/)\s+(?:sustainable|ethical|green|impact))?(?:\s+invest\w*|\s+funds?|\s+portfolios?)?",
        r"(?:care|cares|caring|passionate|concerned|worried) about (?:the )?(?:environment|climate|planet|sustainability)",
        r"(?:environmentally|climate|socially)[- ](?:conscious|friendly|minded|aware|responsible)(?: invest\w*)?",
        r"fossil[- ]fuel[- ]free(?: invest\w*| funds?| portfolios?)?",
        r"(?:green|clean|renewable) energy(?: invest\w*| funds?| stocks?)?",
        r"(?:green|impact|ethical|socially responsible|responsible|climate[- ](?:conscious|friendly)|values[- ]based)\s+(?:invest\w*|funds?|portfolios?)",
    )),
    (Interest.REAL_ESTATE_INVESTING, (
        r"(?:invest\w*|diversify\w*|put\w* money|get\w*) (?:in|into) (?:real estate|propert(?:y|ies)|rentals?|housing|bricks and mortar)",
        "real[- ]estate(?: investing| investments?| investors?| portfolios?)?",
        r"rental (?:propert\w+|income|units?|homes?)",
        r"investment propert\w+",
        r"(?:income|buy[- ]to[- ]let) propert\w+",
        "landlords?",
        "property investors?",
        "flipping (?:houses|homes)",
        r"(?:buy|buys|buying|own|owns|owning|purchas\w+|acquir\w+)(?: (?:a|an|some|more|their|a few|several))? (?:\w+ )?(?:apartments?|condos?|houses?|homes?|propert(?:y|ies)|units?|duplex(?:es)?|buildings?|flats?) to (?:rent|lease)(?: (?:them |it )?out)?",
        r"rent(?:s|ing)? (?:(?:them|it|units|apartments|propert(?:y|ies)|homes|houses|condos|rooms) )?out",
        "(?:multi[- ]family|income[- ]producing) propert(?:y|ies)",
        "rental portfolios?",
        "(?:be(?:come|coming)?|as) (?:a )?landlords?",
    )),
    (Interest.PHILANTHROPY, (
        r"(?:giv(?:e|es|ing)|donat\w+) to (?:their |the )?(?:community|church|causes|good causes|alma mater)",
        r"(?:leav\w+|mak\w+) (?:a|their) (?:mark|difference|positive impact) (?:on|in) (?:their |the )?(?:community|world)",
        r"(?:leav|giv|donat)(?:e|es|ing)(?: (?:money|assets|their wealth|back))? to (?:charit\w+|causes|nonprofits?|good causes)",
        r"charit\w+",
        r"philanthrop\w+",
        r"donat\w+",
        "giving back",
        "giv(?:e|es) back",
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
        r"(?:leav|pass|hand|transfer)\w* (?:on |down )?(?:their |his |her |some |the )?(?:wealth|money|assets|estate|savings|fortune|nest egg) (?:on |down )?to (?:their |his |her |the )?(?:kids|children|heirs|family|grandkids|grandchildren|next generation|loved ones)",
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
        r"professional(?:ly)? manag\w*",
        r"(?:someone|somebody|an? (?:expert|professional|advisor|adviser|pro)) to (?:manage|handle|look after|run|oversee|take care of) (?:their |his |her )?(?:money|wealth|investments|portfolios?|finances|assets)",
        "hands[- ]off (?:investing|investors?|investment)",
        "discretionary (?:management|portfolios?|accounts?)",
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
        r"(?:see|visit|explor|tour)\w* (?:europe|asia|africa|south america|australia|the world|new places|other countries|the globe|national parks)",
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
        r"(?:be|become|becoming) (?:their|his|her) own boss(?:es)?",
        "small business(?:es)?",
        "side (?:hustles?|business(?:es)?|gigs?)",
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
        r"pay\w* (?:so much |too much |high |less )?interest on (?:their )?(?:cards?|credit cards?|balances?|debts?|loans?)",
        "(?:debt|loan)[- ]consolidation",
        r"consolidat\w+(?: (?:their |of )?(?:debts?|loans?|credit cards?|balances?))?",
        r"refinanc\w+(?: (?:their )?(?:debts?|loans?))?",
        "pay(?:ing)? (?:off|down) (?:their )?(?:debts?|credit cards?|loans?|balances?)",
        "high[- ]interest (?:debt|cards?|balances?)",
        "carrying (?:a )?balances?",
        r"(?:in |carrying |with |have |has )?(?:credit card )?debts?(?![- ]free)",
        "indebted",
        r"(?:get|gets|getting|got|climb\w*|dig\w*) out (?:from under|of) (?:their |all |the |that )?(?:debts?|loans?|balances?|bills|the red)",
        r"(?:drowning|buried|swimming|sinking|stuck) in (?:credit card |card |medical |student )?(?:debts?|loans?|bills|balances?)",
        r"(?:clear|clearing|wipe|wiping|reduce|reducing|tackl\w+|shrink\w*|lower\w*) (?:out |off |down )?(?:their |all |of |the )?(?:debts?|balances?|credit card bills)",
    )),
    (Interest.CREDIT_BUILDING, (
        r"(?:credit|fico|credit scores?) (?:that )?(?:needs?|could use) (?:some )?(?:work|help|improvement|a boost|repair)",
        r"(?:build|rebuild|repair|improv|establish|boost|rais|strengthen|fix)\w* (?:up )?(?:their |his |her |a |some |good )?credit(?: scores?| histor(?:y|ies)| profiles?| ratings?)?",
        r"(?:rebuild|repair)(?:s|ing)? (?:it|their scores?|their ratings?)\b",  # credit said before
        "credit[- ](?:building|builder|repair)",
        "thin credit(?: files?)?",
        "no credit history",
        "credit history",
    )),
    (Interest.INSURANCE, (
        r"(?:(?:term |whole )?life )?insur\w+",
        "life cover",
        "coverage",
        r"protect\w* (?:their )?(?:family|families|loved ones|income)",
        r"provid\w+ for (?:their |his |her )?(?:family|families|loved ones|kids|children|dependents) (?:if|when|after|should)",
        r"(?:look|looking) after (?:their |his |her )?(?:family|families|loved ones) (?:if|when|after)",
        "(?:if|in case) (?:something|anything) (?:happens|happened|were to happen) to them",
        r"(?:make sure|ensure|know) (?:their |his |her )?(?:family|families|loved ones|kids|children) (?:is|are|will be)"
        r" (?:taken care of|looked after|provided for|protected|secure)",
        r"annuit\w+",
    )),
    (Interest.TAX_PLANNING, (
        r"(?:pay|paying|owe|owing|reduc|lower|cut|cutting|minimi[sz])\w*(?: (?:less|their|his|her))? (?:in )?tax(?:es)?(?: (?:bills?|exposure|liabilit(?:y|ies)|burden|hit))?",
        r"tax(?:es|ation)?(?:[- ](?:planning|efficien\w+|advantaged|strateg\w+|savings?|optimi\w+|bills?|burden|loss harvesting|free|exposure|liabilit(?:y|ies)|hit|brackets?))?",
        r"(?:lower|reduce|cut|minimi[sz]e|shrink)\w* what (?:they|he|she) (?:owes?|pays?)(?: to)? (?:the irs|uncle sam|the tax ?man|in tax(?:es)?)",
        "irs",
        "uncle sam",
        r"(?:the )?tax ?man",
    )),
    (Interest.SAVING, (
        "sav(?:ers?|ings?(?: goals?)?|e money|ing money|e more)",
        "emergency funds?",
        "rainy[- ]day(?: funds?)?",
        "nest eggs?",
        "high[- ]yield",
        "frugal",
        r"(?:emergency|cash|financial|savings) (?:cushions?|buffers?|reserves?|stash(?:es)?|pots?)",
        "safety nets?",
        r"(?:(?:build|bulk|beef|boost|pad)\w*(?: up)?|(?:grow|top)\w* up) (?:their |an? |some |the )?(?:emergency |rainy[- ]day |cash )?(?:savings|reserves?|cushions?|buffers?|funds?|nest eggs?)",
        r"(?:sock|stash|tuck|squirrel|put|set)\w* (?:(?:some |more |extra )?(?:money|cash) |something |more )?(?:away|aside)(?! for (?!a rainy day|emergencies|the future))",
    )),
    (Interest.INVESTING, (
        "invest(?:ing|ment|ments|ors?)?",
        "stocks?",
        r"crypto\w*",
        "bitcoin",
        "stock market",
        "equities",
        "mutual funds?",
        "etfs?",
        "grow(?:ing)? (?:their )?(?:money|wealth|savings)",
        "(?:the )?markets?",
    )),]  # fmt: skip
# An interest phrase holding a word that a profile reader would take alone is read before those
# readers: "protect their family" (family: has children), "running out of money in retirement" (in
# retirement: retired), "starting their own business" (own business: owns one). A lone word
# ("retirement" in "nearing retirement") is left to them.
CONTESTED_WORDS = (
    r"\b(?:famil(?:y|ies)|kids?|children|child|loved ones|heirs|grandkids|grandchildren|retir\w*"
    r"|own business)\b"
)
# Right before an interest, these say the customer lacks it ("no debt", "not into travel"): the words
# are read as nothing, neither the interest nor, by meaning, anything else.
NOT_INTERESTED = (
    r"(?:no|zero)(?: (?:interest|appetite) (?:in|for))?",
    r"little (?:interest|appetite) (?:in|for)",
    r"without",
    r"(?:not|never|aren't|isn't|weren't|don't|doesn't|didn't)(?: (?:interested in|into|keen on|big on|care about|want|need))?",
)
# "Investment products" reads as any interest in putting money to work, not one code.
INVESTMENT_PRODUCTS = (r"investment (?:products?|opportunities|options|solutions|services|offerings)",)
INVESTMENT_FAMILY = [
    Interest.INVESTING,
    Interest.WEALTH_MANAGEMENT,
    Interest.SUSTAINABLE_INVESTING,
    Interest.REAL_ESTATE_INVESTING,
]
