// The GG302 fixtures target Go 1.19, before the header types were deprecated, so
// that GG303 (deprecated-slice-header) stays out of them: each line here is about
// GG302 alone. testdata/GG303 shows the two rules together.
module goguard.test/gg302

go 1.19
