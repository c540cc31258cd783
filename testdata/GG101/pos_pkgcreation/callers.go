package pospkgcreation

func fromConstructor() {
	r := NewRegistry()
	r.Alias("a", "b")
}

func fromLiteral() {
	r := &Registry{byName: map[string]int{}}
	r.Alias("a", "b")
}

func fromValueLiteral() {
	r := Registry{}
	r.Count("x") // want `nil map "r.byName" in Count`
}

func fromZeroVar() {
	var r Registry
	r.Alias("x", "y")
}

func fromNew() {
	r := new(Registry)
	r.Count("x") // want `nil map "r.byName" in Count`
}

func passedToFunction() {
	r := &Registry{}
	addAlias(r, "z") // want `nil map "r.aliases" in addAlias`
}

func passedByAddress() {
	var r Registry
	addAlias(&r, "z") // want `nil map "r.aliases" in addAlias`
}

func passedSecond() {
	r := NewRegistry()
	addAliasLast("z", r) // want `nil map "r.aliases" in addAliasLast`
}

func withError() error {
	r, err := OpenRegistry("/etc/reg")
	if err != nil {
		return err
	}
	r.Alias("a", "b")
	return nil
}

func afterOtherMethods() {
	r := NewRegistry()
	r.Count("a")
	_ = r.Size()
	r.Alias("a", "b")
}

func conditionalInCallee() {
	r := NewRegistry()
	r.AliasIf("a", true)
}

func valueReceiver() {
	r := Registry{byName: map[string]int{}}
	r.AliasV("q")
}

func setAfterLiteral() {
	r := NewRegistry2()
	r.Alias("a", "b")
}

func nestedConstructor() {
	r := NewDefault()
	r.Alias("a", "b")
}

func otherFieldSet() {
	r := &Registry{aliases: map[string]string{}}
	r.Alias("a", "b")
	r.Count("n") // want `nil map "r.byName" in Count`
}

func inBranch(names []string) {
	r := NewRegistry()
	if len(names) > 0 {
		r.Alias(names[0], "first")
	}
}

func inLoop(names []string) {
	r := NewRegistry()
	for _, n := range names {
		r.Alias(n, n)
	}
}
