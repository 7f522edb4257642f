"""How well the duplicate check tells one company from another, on a labelled set of pairs."""
