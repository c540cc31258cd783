"""goguard: a Go linter for crash-class bugs, from source alone."""

__version__ = "0.1.0"
