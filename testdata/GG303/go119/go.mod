// Before Go 1.20 there is no unsafe.SliceData/String/StringData to move to: the
// header types are not reported here (the same code as ../go121, without wants).
module goguard.test/gg303/go119

go 1.19
