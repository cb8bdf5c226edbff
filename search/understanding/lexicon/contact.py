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
    r"reached(?: out to)?",
    r"called",
    r"call",
    r"spoken",
    r"speak to",
    r"talk to",
    r"phoned",
    r"met(?: with)?",
    r"seen",
    r"been in touch",
    r"in touch",
    r"touched base(?: with)?",
    r"touchpoints?",
    r"outreach",
    r"engaged",
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
    r"gone without",
)
# Never in touch at all.
NEVER_CONTACTED = (
    r"never (?:been )?(?:contacted|called|spoken to|reached)(?!\s+(?:in|for|since|within|during|over)\b)",
    r"no contact (?:ever|on record|at all)",
    r"never had (?:a |any )?contact",
)
