"""`goguard triage`: from a Go crash in a log to the line, the rule and the fix.

traces (reading the log), tree (frames onto the tree's files), classes (what each
crash means, which rules explain it), explain (the verdict). The command itself is
goguard/cli/triage.py.
"""
