"""goguard: a Go linter for crash-class bugs, from source alone."""

__version__ = "0.1.0"

# Where goguard's own failures (exit status 3) are to be reported.
ISSUES = "https://github.com/goguard/goguard/issues"
