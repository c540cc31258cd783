package negpkgcreation

import "reflect"

// safe: the constructor used makes the field.
func fullConstructor() {
	r := NewFullRegistry()
	r.Alias("a", "b")
}

// safe: the writer makes the field when it is nil.
func lazyWriter() {
	r := NewRegistry()
	r.AliasLazy("a")
}

// safe: an init method runs before the write.
func initFirst() {
	r := NewRegistry()
	r.init()
	r.Alias("a", "b")
}

// safe: a method that calls init runs before the write.
func resetFirst() {
	r := NewRegistry()
	r.reset()
	r.Alias("a", "b")
}

// safe: the field is set after the constructor.
func setAfter() {
	r := NewRegistry()
	r.aliases = map[string]string{}
	r.Alias("a", "b")
}

// safe: a helper makes the field first.
func helperFirst() {
	r := NewRegistry()
	initMaps(r)
	r.Alias("a", "b")
}

// safe: the writer only writes in a state of the value (ready) it cannot see.
func guardedByState() {
	r := NewRegistry()
	r.AliasIfReady("a")
}

// safe: the writer checks the map.
func checkedWriter() {
	r := NewRegistry()
	r.AliasChecked("a")
}

// safe: the writer initialises before writing.
func writerInitialises() {
	r := NewRegistry()
	r.AliasAfterInit("a")
}

// safe: the write is in a closure the writer returns, which may run much later.
func writerClosure() {
	r := NewRegistry()
	f := r.AliasLater("a")
	_ = f
}

// safe: the writer writes inside a loop over another field of the value.
func writerLoop() {
	r := NewRegistry()
	r.AliasAll()
}

// safe: the value is handed on (registered) before the write.
func registeredFirst() {
	r := NewRegistry()
	r.register()
	r.Alias("a", "b")
}


// safe: the whole value is replaced before the write.
func replacedFirst() {
	r := NewRegistry()
	*r = *NewFullRegistry()
	r.Alias("a", "b")
}

// safe: a method value handed on may run at any time.
func methodValueFirst(run func(func())) {
	r := NewRegistry()
	run(r.init)
	r.Alias("a", "b")
}

// safe: one constructor return makes the field.
func maybeConstructor(full bool) {
	r := NewMaybe(full)
	r.Alias("a", "b")
}

// safe: the constructor initialises the value with a method.
func initConstructor() {
	r := NewInit()
	r.Alias("a", "b")
}

// safe: the writer writes a field the literal set.
func otherField() {
	r := &Registry{byName: map[string]int{}}
	r.Count("n")
}

// safe: a zero value only compared, never written.
func comparedOnly(got *Registry) bool {
	want := &Registry{}
	return reflect.DeepEqual(got, want)
}

// safe: the callee is a function value the analysis cannot resolve.
func functionValue() {
	f := addAlias
	r := &Registry{aliases: map[string]string{}}
	f(r, "x")
}

// safe: reassigned from a full constructor before the write.
func reassigned() {
	r := NewRegistry()
	r = NewFullRegistry()
	r.Alias("a", "b")
}

// safe: the literal sets the field.
func literalSets() {
	r := &Registry{aliases: map[string]string{}}
	addAlias(r, "x")
}

// safe: the value comes from a parameter, of unknown making.
func fromParameter(r *Registry) {
	r.Alias("a", "b")
}

// safe: the writer is called on another value than the one made.
func otherValue(shared *Registry) {
	r := NewRegistry()
	_ = r
	shared.Alias("a", "b")
}
