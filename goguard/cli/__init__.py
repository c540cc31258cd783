"""The command line: `goguard check`, `goguard rules`, `goguard rule CODE`."""
