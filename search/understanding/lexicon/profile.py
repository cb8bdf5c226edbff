"""Employment, segment, risk appetite and preferred channel: the phrases for each code."""

from customers.choices import EmploymentStatus, PreferredChannel, RiskTolerance, Segment

# Before a phrase naming a job or role: the words that make it a hope, not a fact.
_NOT_YET = r"(?<!aspiring )(?<!would-be )(?<!future )(?<!prospective )(?<!wannabe )(?<!budding )"
# Before "own"/"run" a business or "be their own boss": a wish ("to run", "starting their own").
_HOPED = r"(?<!to )(?<!about )(?<!their )(?<!his )(?<!her )(?<!of )(?<!becoming )(?<!become )(?<!being )"
# Someone else named just before a status: "kids still in school", "whose husband is retired".
OTHER_PERSON = (
    r"\b(?:kids?|children|child|sons?|daughters?|spouses?|husbands?|wife|wives|partners?)"
    r"\s+(?:(?:is|are|who is|who are|who's|still|currently|both|now|also|already)\s+)*\Z"
)
# (codes, label, phrases)
EMPLOYMENT_PHRASES: list[tuple[tuple[EmploymentStatus, ...], str, tuple[str, ...]]] = [
    # "would-be business owners", "wants to run their own business": an interest, not an owner
    ((EmploymentStatus.BUSINESS_OWNER,), 'business owners', (
        f"{_NOT_YET}(?:small[- ])?business[- ]owners?",
        f"{_NOT_YET}owners? of (?:a |their own )?(?:small )?(?:business|businesses|company|companies)",
        f"{_HOPED}(?:own|run)s? (?:a |their own |their )?(?:small )?(?:business(?:es)?|company|companies|firm|restaurant)",
        f"{_NOT_YET}entrepreneurs?",
        f"{_NOT_YET}founders?",
        "company owners?",
        "owner[- ]operators?",
        "proprietors?",
    )),
    ((EmploymentStatus.SELF_EMPLOYED,), 'self-employed', (
        "self[- ]employed",
        r"freelanc\w*",
        "independent contractors?",
        "contractors?",
        "contract workers?",
        "solopreneurs?",
        "gig(?:[- ]economy)? workers?",
        "sole (?:proprietors?|traders?)",
        "1099 workers?",
        r"(?:work|works|working) for (?:themselves|himself|herself|themself)",
        r"(?:are|is) (?:their|his|her) own boss(?:es)?",
        r"(?:run|runs|running) (?:their|his|her) own (?:practice|shop) as (?:a )?sole",
    )),
    ((EmploymentStatus.UNEMPLOYED,), 'unemployed', (
        "unemployed",
        "jobless",
        "between jobs",
        "out of work",
        "job[- ]seekers?",
        "laid[- ]off",
        "not working",
        r"without (?:a )?jobs?",
        r"(?:lost|losing|lose) (?:their|his|her) jobs?",
        r"(?:looking for|searching for|hunting for|seeking) (?:a )?(?:new )?(?:jobs?|work|employment)",
        r"job[- ]hunting",
        r"(?:on|collecting|collects|drawing|receiving) unemployment(?: benefits| insurance| checks)?",
        r"(?:currently )?unemployed",
    )),
    ((EmploymentStatus.STUDENT,), 'students', (
        "(?:college |university |grad(?:uate)? |undergrad(?:uate)? |medical |law )?students?(?! loans?)",
        "undergrads?",
        "grad students?",
        r"(?:still|currently|who are|who're|that are|are) (?:still |currently )?(?:in|at|attending|enrolled in|enrolled at)"
        r" (?:school|college|university|uni|grad school|graduate school|law school|med school|medical school)",
        r"(?:working (?:on|toward|towards)|pursuing|studying for|completing) (?:a |an |their |his |her )?(?:degree|diploma"
        r"|bachelor'?s|master'?s|mba|phd|doctorate)",
    )),
    ((EmploymentStatus.RETIRED,), 'retired', (
        r"(?<!semi-)(?<!semi )retir(?:ed|ee|ees)\b",
        "pensioners?",
        # "interested in retirement planning" is an interest, not a retiree
        r"(?<!interested )(?<!interest )(?<!invest )(?<!investing )(?<!help )(?<!helping )in retirement"
        r"(?![- ](?:planning|plans?|savings?|accounts?|income|goals?|readiness|funds?|nest eggs?|products?"
        r"|options|advice|vehicles?|investments?))",
        "already retired",
        r"(?:collect|collects|collecting|draw|draws|drawing|receive|receives|receiving|get|gets|getting|live on"
        r"|lives on|living on|on) (?:a |their |his |her )?pensions?(?![- ](?:plans?|planning|funds?|rollovers?|accounts?|options?))",
    )),
    ((EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED,), 'professionals', (
        # "medical professionals", "tech professionals" are occupations (``lexicon.places``)
        r"(?<!medical )(?<!tech )(?<!healthcare )(?<!care )(?<!legal )(?<!it )(?:working |young |salaried )?professionals?",
        "white[- ]collar",
    )),
    ((EmploymentStatus.EMPLOYED,), 'employed', (
        "(?<!self-)(?<!self )(?<!un)employed",
        "salaried",
        "wage earners?",
        "employees",
        r"w-?2s?(?: (?:workers|earners|wage earners|employees|folks|people|staff|income|jobs?))?",
        r"on (?:a |the |an employer's |someone's |someone else's |a company's |company )?payroll",
        r"(?:work|works|working) for (?:someone else|an employer|(?:a|another) (?:company|firm|corporation|employer))",
        r"full[- ]time (?:employees|staff|workers)",
    )),
    ((EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED, EmploymentStatus.BUSINESS_OWNER,), 'working', (
        "still working",
        "working (?:people|age adults|adults)",
        "in work",
        "have jobs",
        "with jobs",
    )),]  # fmt: skip
# A band of wealth: "top wealth tier", "second-highest asset band".
_TIER = r"(?:wealth|asset|net[- ]worth|client|customer)[- ](?:tier|segment|band|bracket|group|level|class|category)"
_NOT_ORDINAL = "".join(f"(?<!{n}{s})" for n in ("second", "2nd", "third", "3rd", "next") for s in ("-", " "))
# (codes, label, phrases)
SEGMENT_PHRASES: list[tuple[tuple[Segment, ...], str, tuple[str, ...]]] = [
    ((Segment.HIGH_NET_WORTH,), 'high net worth', (
        "high[- ]net[- ]worth(?: individuals?)?",
        r"hnw\w*",
        "private (?:banking )?clients?",
        rf"{_NOT_ORDINAL}(?:top|highest|upper|uppermost|richest|wealthiest) {_TIER}",
        rf"{_NOT_ORDINAL}(?:top|highest|upper(?:most)?) segment",
        rf"{_NOT_ORDINAL}(?:richest|wealthiest) (?:tier|segment)",
        r"(?:top|highest) (?:tier|segment|band|bracket) (?:of|by|for) (?:wealth|assets|net worth)",
    )),
    ((Segment.MASS_AFFLUENT,), 'mass affluent', (
        "mass[- ]affluent",
        "emerging affluent",
        rf"(?:second|2nd)[- ]lowest {_TIER}",
        rf"(?:third|3rd)[- ](?:highest|richest|wealthiest) {_TIER}",
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
        rf"(?:second|2nd)[- ](?:highest|top|richest|wealthiest) {_TIER}",
        rf"(?:second|2nd) {_TIER} from the top",
    )),
    ((Segment.MASS_MARKET,), 'mass market', (
        "mass[- ]market",
        "everyday (?:customers|banking)",
        "retail (?:segment|customers)",
        rf"{_NOT_ORDINAL}(?:entry[- ]level|lowest|bottom|base|starter) (?:wealth |asset |net[- ]worth )?(?:tier|segment)",
        rf"{_NOT_ORDINAL}(?:lowest|bottom|entry[- ]level) {_TIER}",
    )),]  # fmt: skip
# A segment named next to a word that places it in the order of ``Segment`` (lowest first):
# (phrase, (first, last) offsets from the named segment, None for no end). "just short of HNW" is
# the one tier below it; "affluent and above" is it and every tier above.
SEGMENT_RELATIONS_BEFORE: list[tuple[str, tuple[int | None, int | None]]] = [
    (r"just (?:below|under|beneath|short of|shy of|outside)|right (?:below|under)|almost|nearly|not quite(?: at)?"
     r"|close to|approaching|on the (?:cusp|verge|brink) of|(?:one|a) (?:tier|step|notch|level|rung|band) (?:below|under|beneath|down from|short of)",
     (-1, -1)),
    (r"just above|right above|(?:one|a) (?:tier|step|notch|level|rung|band) (?:above|over|up from)", (1, 1)),
    (r"below|under|beneath|lower than|short of|shy of|less than|less|(?:not|aren't|isn't|are not|is not) yet"
     r"|(?:haven't|hasn't|have not|has not) (?:yet )?(?:reached|hit|made it to|made)", (None, -1)),
    (r"above|higher than|beyond|more than", (1, None)),
    (r"(?:at least|minimum of|no less than)", (0, None)),
    (r"(?:at most|no more than|up to)", (None, 0)),
]  # fmt: skip
SEGMENT_RELATIONS_AFTER: list[tuple[str, tuple[int | None, int | None]]] = [
    (r"(?:and|or|&) (?:above|up|upward|higher|better|over|beyond)|(?:-|\s)?(?:plus|\+)(?!\w)", (0, None)),
    (r"(?:and|or|&) (?:below|down|downward|lower|under|less)", (None, 0)),
]  # fmt: skip
# What a risk appetite is said of: risk itself, or the swings of the market.
_SWINGS = (
    r"(?:risks?|volatility|(?:big |wild |market |price )?swings|(?:the )?ups and downs|drawdowns|(?:market )?dips"
    r"|(?:short[- ]term )?losses|(?:an? |the )?(?:market )?(?:downturns?|corrections?|crash(?:es)?)|(?:a |the )?bear markets?)"
)
_BEAR = (
    r"(?:stomach|handle|tolerate|take|live with|ride out|withstand|weather|accept|deal with|sit through"
    r"|put up with)"
)
# Moderate first: "not too aggressive, not too cautious" is moderate, not a negated "aggressive".
# A phrase after "not"/"n't" is turned round by ``readers.profile.read_risk``.
RISK_PHRASES: list[tuple[RiskTolerance, tuple[str, ...]]] = [
    (RiskTolerance.MODERATE, (
        "(?:moderate|mid|middle|mid-range|midrange|medium)[- ]risk",
        "(?:moderate|balanced|medium|middle[- ]of[- ]the[- ]road)(?=[- ](?:risk|investors?|appetite|tolerance|profiles?"
        "|approach|portfolios?|clients?|customers?|attitude|outlook|mindset|stance|strategy|allocation|investing))",
        rf"(?:(?:happy|comfortable|ok|okay|fine|at ease) (?:with|taking) |(?:(?:do|does)(?: not|n't)|never) mind (?:taking )?)?(?:some|a bit of|a little|a little bit of|a moderate amount of|a fair amount of|measured|reasonable|moderate) {_SWINGS}",
        r"(?:some|moderate|medium|average|reasonable|a fair|a moderate) (?:appetite|tolerance|stomach) for (?:risk|volatility)",
        r"(?:a )?(?:balance|mix|blend) (?:of|between) (?:risk and (?:reward|return|safety)|growth and (?:safety|security|income|stability))",
        r"middle[- ]of[- ]the[- ]road",
        r"(?:somewhere )?in the middle (?:on|for|when it comes to|with) risk",
        r"neither (?:too )?(?:cautious|conservative) nor (?:too )?aggressive",
        r"neither (?:too )?aggressive nor (?:too )?(?:cautious|conservative)",
        r"not too (?:aggressive|risky|conservative|cautious|safe),? (?:and |but |or |nor )?(?:not )?too (?:aggressive|risky|conservative|cautious|safe)",
    )),
    (RiskTolerance.AGGRESSIVE, (
        "aggressive",
        "high[- ]risk",
        "risk[- ](?:seeking|seekers?|tolerant|loving|hungry|takers?)",
        r"risk(?:y|ier) (?:investments?|assets|bets|stocks|plays|portfolios?|positions)",
        r"(?:comfortable|ok|okay|fine)(?: with)? losing money",
        "(?:high[- ])?volatility[- ](?:seeking|tolerant|loving)",
        "growth[- ]oriented",
        "adventurous",
        "speculative",
        "bold",
        r"(?:like|likes|liking|love|loves|enjoy|enjoys|embrace|embraces|comfortable with|ok with|okay with|fine with|happy to take|willing to take|take|takes|taking|chase|chases|chasing) (?:on )?(?:a lot of |lots of |big |high |more |plenty of )?risks?",
        rf"(?:can|could|able to|willing to|happy to|prepared to|ready to)(?: easily| comfortably)? {_BEAR} (?:a lot of |lots of |big |high |significant |substantial |large |wild |market |short[- ]term )?{_SWINGS}",
        rf"(?:comfortable|ok|okay|fine|happy|at ease|relaxed) (?:with|about) (?:a lot of |lots of |big |high |significant )?{_SWINGS}",
        rf"(?:(?:do|does)(?: not|n't)|never) mind (?:taking |riding out |a lot of |lots of |big |high |some |wild )*{_SWINGS}",
        r"(?:take|takes|taking|make|makes|making) (?:big|bold|large|wild|huge) (?:swings|bets|gambles)",
        r"roll(?:s|ing)? the dice",
        r"(?:like|likes|love|loves|enjoy|enjoys|willing|happy|ok|okay|fine|comfortable) (?:to )?gambl(?:e|es|ing)",
        r"gamblers?",
        rf"(?:not|aren't|isn't|never) (?:afraid|scared|worried|nervous) (?:of|about) (?:taking )?(?:a lot of |big |some )?{_SWINGS}",
        r"(?:big|high|strong|large|healthy|huge|hearty|real|serious) appetite for (?:risk|volatility)",
        r"(?:big|strong|large|healthy|huge|hearty) risk appetite",
        r"high[- ]volatility",
        r"swing(?:s|ing)? for the fences",
        r"(?:big|bold) bets?",
        r"(?:high|maximum|max)[- ]growth",
        r"chas(?:e|es|ing) (?:high |big |fast )?(?:returns|growth|gains)",
        r"(?:a|an|real|strong|big) (?:taste|thirst|hunger) for (?:risk|volatility|adventure)",
        r"(?:(?<=not )|(?<=n't )|(?<=are )|(?<=is )|(?<='re )|(?<=really ))into (?:taking )?risks?(?![- ](?:management|assessment|planning|profiles?))",
        r"thrill[- ]seek(?:ers?|ing)",
        r"(?:go|goes|going) all[- ]in",
        r"yolo",
    )),
    (RiskTolerance.CONSERVATIVE, (
        "conservative",
        "risk[- ]averse",
        "low[- ]risk",
        "low[- ]volatility",
        "cautious",
        "careful",
        "safety[- ]first",
        "capital preservation",
        r"play(?:s|ing)? it safe",
        rf"(?:avoid|avoids|avoiding|averse to|shy away from|shies away from|shying away from|dislike|dislikes|hate|hates|fear|fears|wary of|nervous about|uncomfortable with|uneasy (?:with|about)|(?:do|does|did)(?: not|n't) (?:like|want|take|enjoy)) (?:taking )?(?:any |much |a lot of |big )?{_SWINGS}",
        rf"(?:can't|cannot|can not|couldn't|could not|unable to|unwilling to|won't|will not) {_BEAR} (?:any |much |a lot of |big |high |market )?{_SWINGS}",
        r"(?:low|little|no|small|limited|zero|minimal) (?:appetite|tolerance|stomach) for (?:risk|volatility)",
        r"(?:low|little|no|small|limited|zero|minimal) risk (?:appetite|tolerance)",
        r"risk[- ]shy",
        r"(?:nervous|worried|anxious|scared|jittery|afraid|fearful|wary|spooked) (?:about|of|by) (?:the )?(?:markets?|stock market|stocks|volatility|losing (?:money|their savings))",
        r"(?:(?:do|does)(?: not|n't) want to|afraid to|hate to|scared to|can't afford to|cannot afford to) lose (?:any |a )?(?:money|penny|dime|cent|principal|capital)",
        r"(?:hate|hates|hating|fear|fears) losing (?:any )?money",
        r"(?:safe|boring|dull|plain[- ]vanilla)(?:,? (?:and )?(?:safe|boring|dull|plain[- ]vanilla))* (?:investments?|bets?|options?|choices?|havens?)",
        r"(?:keep|keeps|keeping|want|wants|wanting|like|likes|need|needs) (?:their |his |her )?money safe",
        r"(?:prefer|prefers|value|values|want|wants|prioriti[sz]e|prioriti[sz]es|all about|focused on) (?:safety|stability)(?! of)",
        r"sleep(?:[- ]well)?[- ]at[- ]night(?:[- ]money)?",
        r"(?:want|wants|wanting|need|needs|like|likes|prefer|prefers|value|values|insist on|insists on) (?:a )?guarantees?",
        r"protect (?:their |his |her )?(?:principal|capital|nest egg)",
        r"(?:slow and steady|steady eddies?)",
        r"(?:steady|stable|predictable|reliable|guaranteed|consistent|safe)(?:,? (?:and )?(?:steady|stable|predictable|reliable|guaranteed|consistent|safe))*"
        r"(?: low[- ](?:volatility|risk))? (?:returns|income|yields?)",
    )),]  # fmt: skip
_PREFER = r"(?:prefer|prefers|preferring|like|likes|want|wants|would rather|'d rather|rather)"
_ADVISOR = (
    r"(?:an? |their |his |her |a dedicated |a personal |our )?(?:own )?(?:personal |dedicated |financial |wealth "
    r"|investment )?(?:advis[oe]r|planner|banker|relationship manager|wealth manager|portfolio manager)s?"
)
_BRANCH = r"(?:the |a |our |their local |their |local |a local |the local )?branch(?:es)?"
# Who uses a channel: "branch-goers", "app users", "online bankers", "phone people".
_USERS = r"(?:users|customers|clients|people|folks|bankers|types|crowd|goers|regulars|visitors)"
_COMPUTER = r"(?:website|web portal|online portal|internet|computers?|laptops?|desktops?|pcs?|browsers?)"
# A phrase after "not"/"never" is a channel not preferred (``readers.profile.read_channel``).
CHANNEL_PHRASES: list[tuple[tuple[PreferredChannel, ...], tuple[str, ...]]] = [
    ((PreferredChannel.BRANCH,), (
        rf"(?:{_PREFER}|visit|visits|use|uses|come into|comes into|walk into)(?: to (?:bank|come) (?:in|at))?\s+{_BRANCH}",
        "in[- ]branch",
        rf"(?:set|sets|setting) foot (?:in|into|inside) {_BRANCH}",
        rf"been (?:in|to|into|inside) {_BRANCH}",
        rf"branch(?:-based)?[- ](?:{_USERS}|visits|banking)",
        "walk[- ]ins?",
        "in[- ]person(?:[- ](?:banking|service|visits))?",
        "face[- ]to[- ]face(?:[- ](?:banking|service|meetings?|contact))?",
    )),
    ((PreferredChannel.BRANCH,), (
        rf"(?:pop|pops|popping|drop|drops|dropping|stop|stops|stopping|come|comes|coming|go|goes|going|head|heads|heading"
        rf"|walk|walks|walking) (?:in|into|by|to)(?: to)? {_BRANCH}",
        r"(?:in|at) (?:the |a |our |their local |their |local )branch",
        rf"{_PREFER} (?:to )?(?:see|talk to|deal with|speak to|speak with) (?:someone|somebody|a person|a teller|people) in person",
        r"(?:see|talk to|talk with|chat with|speak to|speak with|deal with) (?:a |the |their )?tellers?",
    )),
    ((PreferredChannel.MOBILE,), (
        r"bank(?:s|ing)? (?:on|from|through|with) (?:their|his|her|a|the) (?:smart)?phones?",
        r"(?:on|through|via|from|in|use|uses|using) (?:the |our |their )?app",
        r"(?:on|from) (?:their|his|her) (?:smart)?phones?",
        rf"mobile(?: app| banking)?(?: {_USERS}|-first)?",
        r"(?:smart)?phone (?:banking )?apps?",
        rf"(?:banking )?apps?\b(?:[- ]{_USERS}|[- ]first|[- ]savvy)?",
        "smartphones?",
    )),
    ((PreferredChannel.ONLINE,), (
        rf"online(?: banking| {_USERS}|[- ]first)?",
        "internet banking",
        rf"web(?:site)?(?: banking)?(?: {_USERS})?",
        rf"(?:on|from|through|via|use|uses|using|with|over) (?:the |our |their |his |her |a )?{_COMPUTER}",
        r"(?:do|does|doing) (?:everything|it all|their banking|all their banking) online",
    )),
    ((PreferredChannel.ONLINE, PreferredChannel.MOBILE,), (
        rf"digital(?:ly)?(?:[- ](?:banking|savvy|first|natives?|channels?|{_USERS}))?(?:[- ]{_USERS})?",
        r"tech[- ]savvy",
    )),
    ((PreferredChannel.PHONE,), (
        "(?:by|over the|on the|via) (?:tele)?phone",
        rf"(?:tele)?phone(?:[- ]banking| calls?| {_USERS}|[- ]first)(?: {_USERS})?",
        "(?:tele)?phone (?:contact|preference)",
        "(?:call|contact) cent(?:er|re)",
        r"(?:phone|phones|phoning) (?:us )?in\b",
        rf"{_PREFER} (?:a |the )?(?:tele)?(?:phone|calls?)",
        rf"{_PREFER} (?:to )?(?:calling|calls|call|phoning|phone|ringing|ring)(?: us| in| the bank)?",
        r"(?:call|calls|ring|rings) (?:us|in|the bank)",
        r"(?:be|being|get|getting) (?:rung|phoned|called)(?: up)?",
        r"pick(?:s|ing)? up the phone",
    )),
    ((PreferredChannel.ADVISOR,), (
        rf"(?:{_PREFER}|through|via|with|use|uses|work with|works with|have|has|having)\s+{_ADVISOR}",
        "advis[oe]r[- ](?:led|channel|relationships?|clients?|customers?)",
        r"(?:meet|meets|meeting|sit down|sits down|sitting down|work|works|working|talk|talks|talking|speak|speaks|speaking"
        r"|go|goes|going|bank|banks|banking|deal|deals|dealing|invest|invests|investing|rely|relies|relying|lean|leans|leaning)"
        rf" (?:with|to|through|via|on) {_ADVISOR}",
        r"(?:personal|human|dedicated|one[- ]on[- ]one|1:1) (?:advice|guidance|service)",
    )),]  # fmt: skip

# Statuses no one holds at once: said of one person with no "or"/"and" between ("retired folks still
# working full time", "unemployed business owners"), they contradict each other and are reported.
EXCLUSIVE_EMPLOYMENT: tuple[frozenset[str], ...] = tuple(
    frozenset(code.value for code in side)
    for side in (
        (EmploymentStatus.RETIRED, EmploymentStatus.UNEMPLOYED),
        (EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED, EmploymentStatus.BUSINESS_OWNER),
    )
)
# Words between two statuses that make them alternatives ("retirees or the self-employed").
EMPLOYMENT_ALTERNATIVES = r"\b(?:or|and|nor|either|neither|plus|as well as|versus|vs)\b|[,/&;+]"
