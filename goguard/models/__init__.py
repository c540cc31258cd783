"""What goguard knows about libraries, as data: rows keyed by import path and name, each
with a comment saying where the behaviour is documented. Analyses and facts read the
rows; a new library is a new row, not a new branch in a rule."""
