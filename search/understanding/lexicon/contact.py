"""How RMs say they have (not) been in touch with a customer."""

# What was done: "contacted", "spoken to", "called".
CONTACT_VERBS = (
    r"contacted",
    r"contact",
    r"spoken to",
    r"spoken with",
    r"spoke to",
    r"spoke with",
    r"talked to",
    r"talked with",
    r"heard from",
    r"heard back from",
    r"reached(?: out to)?",
    r"called",
    r"call",
    r"rung",
    r"spoken",
    r"speak to",
    r"talk to",
    r"phoned",
    r"emailed",
    r"met(?: with)?",
    r"seen",
    r"been in touch",
    r"been in contact",
    r"in touch",
    r"in contact",
    r"gotten in touch",
    r"got in touch",
    r"touched base(?: with)?",
    r"touched",
    r"touch",
    r"checked in(?: with| on)?",
    r"followed up(?: with| on)?",
    r"caught up with",
    r"had (?:a |any )?(?:contact|conversation|call|touchpoint)s?(?: with)?",
    r"touchpoints?",
    r"meetings?",
    r"conversations?",
    r"check-?ins?",
    r"interactions?",
    r"calls",
    r"outreach",
    r"engaged",
)
# Words between the verb and the period that change nothing: "spoken with recently, say in the
# last two weeks", "haven't been in touch with at all since", "haven't called yet this year".
CONTACT_PARTICLES = (
    r"with",
    r"to",
    r"from",
    r"them",
    r"him",
    r"her",
    r"us",
    r"out",
    r"at all",
    r"yet",
    r"once",
    r"recently",
    r"lately",
    r"say",
    r"roughly",
    r"about",
    r"around",
    r"like",
    r"by (?:phone|telephone|email|e-mail|text|mail|letter|video)",
    r"over the phone",
    r"in person",
    r"in (?:a |the )?branch",
)
# Before a verb, saying it has not happened: "haven't spoken to", "no contact".
NOT_CUES = (
    r"not",
    r"haven't",
    r"have not",
    r"hasn't",
    r"has not",
    r"haven't been",
    r"have not been",
    r"hasn't been",
    r"has not been",
    r"never been",
    r"no",
    r"without",
    r"not been",
    r"we haven't",
    r"nobody has",
    r"no one has",
    r"nobody's",
    r"no one's",
    r"gone without",
    r"not yet",
)
# Said before a contact verb, it means no contact ever: "never", "nobody has ever".
# Said after a verb that a "not" comes before, it means no contact ever: "haven't called yet".
NEVER_AFTER = (r"yet", r"at all", r"so far", r"to date", r"ever")
NEVER_CUES = (
    r"never (?:once )?(?:been )?",
    r"(?:nobody|no one|we|i) (?:has|have|'ve) (?:ever )?never (?:been )?",
    r"(?:nobody|no one|no rm|none of us) (?:has |have )?ever (?:been )?",
    r"(?:haven't|have not|hasn't|has not|not) (?:ever|once) (?:been )?",
)
# Never in touch at all, said without a contact verb.
NEVER_CONTACTED = (
    r"no (?:prior |previous )?contact (?:ever|on record|at all|history|record)",
    r"no (?:record|history) of (?:any )?contact",
    r"never had (?:a |any )?contact",
)
# "last ... was over a year ago", "most recent call before March": the last contact itself.
LAST_CONTACT = (
    r"(?:last|most recent|latest) (?:contacted|contact|called|call|spoken to|spoke to|spoken with|spoke with|talked to|"
    r"reached|heard from|touchpoint|conversation|interaction|check-in|outreach|seen|met|engaged|touched base)",
)
# After "gone six months without": what did not happen.
GONE_WITHOUT = (
    r"(?:a |any )?(?:call|contact|touchpoint|check-in|conversation|outreach)",
    r"hearing from us",
    r"being (?:contacted|called|reached)",
    r"(?:us |anyone )?(?:calling|contacting|reaching out)",
)
