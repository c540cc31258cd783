// Go 1.21: the header types have their replacements (Go 1.20), so each mention is
// reported, except where GG302 already reports the misuse it is part of.
module goguard.test/gg303/go121

go 1.21
