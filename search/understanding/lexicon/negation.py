"""Exclusion: the words that take a group out of the customers asked for ("except those already in
wealth management", "not counting retirees", "minus anyone on mobile"), and where such a clause ends.

One list for every reader: whatever a reader finds inside an exclusion is read as its opposite (a
product not held, a code ``not_in``), or not read at all, never as the positive."""

from search.understanding.lexicon import alternation
from search.understanding.lexicon.products import PRODUCT_CATEGORIES

EXCLUSION_CUES = (
    r"with the exception of",
    r"except(?:ing)?(?: for)?",
    r"exclud(?:e|es|ed|ing)",
    r"other than",
    # "but not called lately" negates a verb, which its own reader reads; "but not retired" too.
    r"but not(?! (?:\w+ed|\w+en|been|heard|seen|met|spoke|rung|rang|got|had|yet|ever|much|many"
    r"|(?:with|from|at|through) us)\b)",
    # "everyone but retirees": "but" after the whole book leaves a group out.
    r"(?:(?<=\beveryone )|(?<=\beverybody )|(?<=\banyone )|(?<=\banybody )|(?<=\ball )|(?<=\ball clients )"
    r"|(?<=\ball customers ))but(?! not\b)",
    # "outside the bank" is held elsewhere (``products.ELSEWHERE``), not a place left out.
    r"outside(?: of)?(?! (?:the bank|us|our bank)\b)",
    r"apart from",
    r"aside from",
    r"minus",
    r"less(?= (?:those|anyone|anybody|the ones)\b)",
    r"leav(?:e|es|ing) out",
    r"(?:without|not) counting",
    r"not including",
    # "take out a mortgage" is getting one: only these verbs with "out" remove a group.
    r"(?:filter|filtering|weed|weeding|screen|screening|strip|stripping) out",
    r"(?:drop|dropping|remove|removing|skip|skipping|omit|omitting)(?= (?:the|those|any|anyone|anybody|all)\b)",
    r"barring",
    # "save for retirement" is a goal: "save for" excludes only a group named as one.
    r"save for(?= (?:those|anyone|anybody|the ones|people|customers|clients)\b)",
)
# After a cue, words that make it additive: "apart from their mortgage, ..." is in addition to it.
NOT_AN_EXCLUSION_BEFORE = r"(?:their|his|her|its)\b"
# In the clause after a cue, words that make it "only": "aside from a car loan they have no other loans".
NOT_AN_EXCLUSION_WITHIN = r"\bno other\b"
# Before a cue, words that make it part of an "only" phrase: "nothing other than a checking account".
NOT_AN_EXCLUSION_AFTER = (
    r"anything",
    r"nothing",
    r"none",
    r"no(?: other)? (?:products?|accounts?)(?: with us)?",
    rf"(?:no|any)(?: other)? (?:{alternation(p for _, phrases in PRODUCT_CATEGORIES for p in phrases)})(?: with us)?",
)
# Where an exclusion's clause ends: "excluding retirees, in Texas" excludes only retirees. "but not"
# starts a new exclusion rather than ending one.
EXCLUSION_ENDS = (
    r"[,;.:!?()]",
    r"\s[-–—]\s",
    r"\bbut\b(?! not\b)",
    r"\bthen\b",
    # "excluding retirees show me everyone with a mortgage": the request starts again.
    r"\b(?:show|find|list|pull up|give me|get me|which (?:clients|customers|ones|people))\b",
)
