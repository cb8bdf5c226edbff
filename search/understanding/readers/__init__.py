"""One reader per concept. Each takes the ``Work`` and adds the conditions it reads, masking the
words it used; ``search.understanding.registry`` runs them in order."""


def one_of(named: list[list]) -> list:
    """The codes several phrases on a field a customer has one value of admit together: those
    they share ("wealthy HNW": HNW), or, sharing none, any of them ("affluent and HNW", "cautious
    or moderate", "online and mobile"): no customer could meet them all."""
    admitted: list = []
    for codes in named:
        both = [c for c in admitted if c in codes]
        admitted = both or [*admitted, *(c for c in codes if c not in admitted)]
    return admitted
