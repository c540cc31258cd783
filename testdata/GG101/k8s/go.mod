module goguard.test/k8s

go 1.22

require (
	k8s.io/api v0.0.0
	k8s.io/apimachinery v0.0.0
)

replace (
	k8s.io/api => ./stub/api
	k8s.io/apimachinery => ./stub/apimachinery
)
