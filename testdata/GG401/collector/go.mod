module goguard.test/collector

go 1.22

require github.com/prometheus/client_golang v1.0.0

replace github.com/prometheus/client_golang => ./fakeprom
