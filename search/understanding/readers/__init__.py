"""One reader per concept. Each takes the ``Work`` and adds the conditions it reads, masking the
words it used; ``search.understanding.registry`` runs them in order."""
