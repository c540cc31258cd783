// Negatives that need Go 1.20: the replacements of the header types.
module goguard.test/gg302go120

go 1.20
