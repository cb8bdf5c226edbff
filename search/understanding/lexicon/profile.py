"""Employment, segment, risk appetite and preferred channel: the phrases for each code."""

from customers.choices import EmploymentStatus, PreferredChannel, RiskTolerance, Segment

# (codes, label, phrases)
EMPLOYMENT_PHRASES: list[tuple[tuple[EmploymentStatus, ...], str, tuple[str, ...]]] = [
    ((EmploymentStatus.BUSINESS_OWNER,), 'business owners', (
        "(?:small[- ])?business[- ]owners?",
        "owners? of (?:a |their own )?(?:small )?(?:business|businesses|company|companies)",
        "(?:own|run)s? (?:a |their own )?(?:small )?business(?:es)?",
        "entrepreneurs?",
        "founders?",
        "company owners?",
        "owner[- ]operators?",
        "proprietors?",
    )),
    ((EmploymentStatus.SELF_EMPLOYED,), 'self-employed', (
        "self[- ]employed",
        r"freelanc\w*",
        "independent contractors?",
        "contractors?",
        "gig workers?",
        "sole (?:proprietors?|traders?)",
        "1099 workers?",
    )),
    ((EmploymentStatus.UNEMPLOYED,), 'unemployed', (
        "unemployed",
        "jobless",
        "between jobs",
        "out of work",
        "job[- ]seekers?",
        "laid[- ]off",
        "not working",
    )),
    ((EmploymentStatus.STUDENT,), 'students', (
        "(?:college |university |grad(?:uate)? |undergrad(?:uate)? |medical |law )?students?(?! loans?)",
        "undergrads?",
        "grad students?",
    )),
    ((EmploymentStatus.RETIRED,), 'retired', (
        r"(?<!semi-)(?<!semi )retir(?:ed|ee|ees)\b",
        "pensioners?",
        # "interested in retirement planning" is an interest, not a retiree
        r"(?<!interested )(?<!interest )(?<!invest )(?<!investing )(?<!help )(?<!helping )in retirement"
        r"(?![- ](?:planning|plans?|savings?|accounts?|income|goals?|readiness|funds?|nest eggs?|products?"
        r"|options|advice|vehicles?|investments?))",
        "already retired",
    )),
    ((EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED,), 'professionals', (
        "(?:working |young |salaried )?professionals?",
        "white[- ]collar",
    )),
    ((EmploymentStatus.EMPLOYED,), 'employed', (
        "(?<!self-)(?<!self )(?<!un)employed",
        "salaried",
        "wage earners?",
        "employees",
        "w-?2 (?:workers|earners)",
    )),
    ((EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED, EmploymentStatus.BUSINESS_OWNER,), 'working', (
        "still working",
        "working (?:people|age adults|adults)",
        "in work",
        "have jobs",
        "with jobs",
    )),]  # fmt: skip
# (codes, label, phrases)
SEGMENT_PHRASES: list[tuple[tuple[Segment, ...], str, tuple[str, ...]]] = [
    ((Segment.HIGH_NET_WORTH,), 'high net worth', (
        "high[- ]net[- ]worth(?: individuals?)?",
        r"hnw\w*",
        "private (?:banking )?clients?",
    )),
    ((Segment.MASS_AFFLUENT,), 'mass affluent', (
        "mass[- ]affluent",
        "emerging affluent",
    )),
    ((Segment.AFFLUENT, Segment.HIGH_NET_WORTH,), 'wealthy (affluent or high net worth)', (
        "wealthy",
        "wealthiest",
        "rich(?:est)?",
        "well[- ]off",
        "well[- ]to[- ]do",
        "moneyed",
        "deep pockets",
        "(?:high|large|big) (?:balances?|asset)s?",
    )),
    ((Segment.AFFLUENT,), 'affluent', (
        "affluent",
    )),
    ((Segment.MASS_MARKET,), 'mass market', (
        "mass[- ]market",
        "everyday (?:customers|banking)",
        "retail (?:segment|customers)",
    )),]  # fmt: skip
RISK_PHRASES: list[tuple[RiskTolerance, tuple[str, ...]]] = [
    (RiskTolerance.AGGRESSIVE, (
        "aggressive",
        "high[- ]risk",
        "risk[- ](?:seeking|tolerant|loving|hungry|takers?)",
        "growth[- ]oriented",
        "adventurous",
        "speculative",
        "bold",
        r"(?:like|likes|liking|love|loves|enjoy|enjoys|embrace|embraces|comfortable with|ok with|okay with|fine with|happy to take|willing to take|take|takes|taking|chase|chases|chasing) (?:on )?(?:a lot of |lots of |big |high |more |plenty of )?risks?",
        r"swing(?:s|ing)? for the fences",
        r"(?:big|bold) bets?",
        r"(?:high|maximum|max)[- ]growth",
        r"chas(?:e|es|ing) (?:high |big )?returns",
        r"thrill[- ]seek(?:ers?|ing)",
        r"(?:go|goes|going) all[- ]in",
        r"yolo",
    )),
    (RiskTolerance.CONSERVATIVE, (
        "conservative",
        "risk[- ]averse",
        "low[- ]risk",
        "cautious",
        "careful",
        "safety[- ]first",
        "capital preservation",
        r"play(?:s|ing)? it safe",
        r"(?:avoid|avoids|avoiding|averse to|shy away from|shies away from|shying away from|dislike|dislikes|hate|hates|fear|fears|wary of|nervous about|uncomfortable with|(?:do|does|did)(?: not|n't) (?:like|want|take|enjoy)) (?:taking )?(?:any |much |a lot of |big )?risks?",
        r"risk[- ]shy",
        r"(?:nervous|worried|anxious|scared|jittery) about (?:the )?(?:markets?|stock market|stocks|volatility|losing (?:money|their savings))",
        r"(?:(?:do|does)(?: not|n't) want to|afraid to|hate to|scared to) lose (?:any )?money",
        r"safe (?:investments?|bets?|options?|choices?|havens?)",
        r"(?:keep|keeps|keeping) (?:their |his |her )?money safe",
        r"sleep (?:well )?at night",
        r"protect (?:their |his |her )?(?:principal|capital|nest egg)",
        r"(?:slow and steady|steady eddies?)",
    )),
    (RiskTolerance.MODERATE, (
        "(?:moderate|balanced|medium|middle[- ]of[- ]the[- ]road)(?=[- ](?:risk|investors?|appetite|tolerance|profiles?|approach|portfolios?|clients?|customers?))",
        "moderate[- ]risk",
        r"(?:some|a bit of|a little|a little bit of|a moderate amount of|a fair amount of|measured|reasonable) risk",
        r"(?:a )?balance of (?:risk and (?:reward|return|safety)|growth and (?:safety|security|income))",
        r"middle[- ]of[- ]the[- ]road",
        r"neither (?:too )?(?:cautious|conservative) nor (?:too )?aggressive",
    )),]  # fmt: skip
CHANNEL_PHRASES: list[tuple[tuple[PreferredChannel, ...], tuple[str, ...]]] = [
    ((PreferredChannel.BRANCH,), (
        r"(?:prefer|prefers|preferring|like|likes|visit|visits|use|uses|come into|comes into|walk into)(?: to (?:bank|come) (?:in|at))?\s+(?:the |a |our |their local |their |local )?branch(?:es)?",
        "in[- ]branch",
        "branch(?:-based)? (?:visitors|customers|clients|banking|users|goers|people)",
        "walk[- ]ins?",
        "in[- ]person",
        "face[- ]to[- ]face",
    )),
    ((PreferredChannel.BRANCH,), (
        r"(?:pop|pops|popping|drop|drops|dropping|stop|stops|stopping|come|comes|coming) (?:in|into|by)(?: to)? (?:the |a |our |their local |their |local )?branch(?:es)?",
        r"(?:in|at) (?:the |a |our |their local |their |local )branch",
        r"(?:like|likes|prefer|prefers|want|wants) (?:to )?(?:see|talk to|deal with|speak to|speak with) (?:someone|somebody|a person|a teller|people) in person",
    )),
    ((PreferredChannel.MOBILE,), (
        r"bank(?:s|ing)? (?:on|from|through|with) (?:their|his|her|a|the) (?:smart)?phones?",
        r"(?:on|through|via|from|in|use|uses|using) (?:the |our |their )?app",
        r"(?:on|from) (?:their|his|her) (?:smart)?phones?",
        "mobile(?: app| banking| users| customers| clients|-first)?",
        r"(?:banking )?apps?\b(?: users)?",
        "smartphones?",
    )),
    ((PreferredChannel.ONLINE,), (
        "online(?: banking| users| customers| clients)?",
        "internet banking",
        "web(?:site)?(?: banking)?",
        r"(?:on|through|via|use|uses|using) (?:the |our )?(?:website|internet|computer|laptop|desktop)",
        r"(?:do|does|doing) (?:everything|it all|their banking|all their banking) online",
    )),
    ((PreferredChannel.ONLINE, PreferredChannel.MOBILE,), (
        "digital(?:ly)?(?:[- ](?:banking|savvy|first|natives?|channels?|customers?))?",
        r"tech[- ]savvy",
        r"never (?:come|comes|set foot) (?:in|into|to) (?:a |the |our )?branch(?:es)?",
    )),
    ((PreferredChannel.PHONE,), (
        "(?:by|over the|on the|via) (?:tele)?phone",
        "phone(?: banking| calls?| customers)",
        "(?:tele)?phone (?:contact|preference)",
        "call cent(?:er|re)",
        "prefer(?:s)? (?:a )?(?:phone|calls?)",
        r"(?:like|likes|prefer|prefers|want|wants) (?:to )?(?:call|calls|calling|phone|phoning|ring|ringing)(?: us| in| the bank)?",
        r"(?:call|calls|ring|rings) (?:us|in|the bank)",
    )),
    ((PreferredChannel.ADVISOR,), (
        r"(?:prefer|prefers|through|via|with|use|uses|work with|works with)\s+(?:an? |their |a dedicated |a personal )?(?:personal |dedicated |financial )?advis[oe]rs?",
        "advis[oe]r[- ](?:led|channel|relationships?|clients?|customers?)",
        r"(?:meet|meets|meeting|sit down|sits down|sitting down|work|works|talk|talks) with (?:an? |their |a dedicated |a personal )?(?:personal |dedicated |financial )?(?:advis[oe]r|planner|banker|relationship manager)s?",
        r"(?:personal|human|dedicated|one[- ]on[- ]one|1:1) (?:advice|guidance|service)",
    )),]  # fmt: skip
