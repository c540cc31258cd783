module goguard.test/go121

go 1.21
