module goguard.test

go 1.22
