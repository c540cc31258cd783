// Runs the neg_precision shapes on inputs that take the paths where the map is left
// nil: none of them may panic.
package main

import (
	"fmt"

	np "goguard.test/GG101/neg_precision"
)

func main() {
	np.PromotedSet()
	np.PromotedPointer()
	np.PromotedFromParam(&np.Meta{Labels: map[string]string{}})
	np.PromotedAssignedFull()
	np.PromotedAssignedShort()
	src := np.Object{Spec: np.Spec{Labels: map[string]string{}, Ports: map[string]int{}}}
	np.CopyThroughPointer(&src)
	np.CopyFromPointer(&src)
	np.CopyValue(src)
	np.NestedLiteral()
	np.CorrelatedNew(nil)
	np.FlagFieldWithMake(false, "w")
	np.SameConditionField(true, "x")
	np.SameFieldCondition(struct{ On bool }{false}, "x")
	np.TiersByDefault(map[string]int{"": 1}, []string{"a", "b"})
	np.OkLookup(nil, false)
	np.OkEarlyReturn(nil, false)
	np.LenPositive(nil, false)
	np.RangeBody(nil, false)
	np.FieldEntryTest(nil, false, "k")
	a, b := &np.Set{}, &np.Set{}
	a.Difference(b)
	np.OnceFunc("/")
	np.Callbacks("/")
	np.LocalClosureStores([]string{"a", "b", "a"})
	np.ClosureCallsMethod("/")
	np.ClosureToCall("/")
	blk := &np.Block{}
	blk.DeepCopy()
	blk.Filter(func(string) bool { return true })
	np.CopyNested(np.Object{})
	np.CopyLenGuard(np.Object{})
	np.CopyIndexed(nil, nil)
	np.CopySortedKeys(nil)
	np.CopyNotEmpty(nil)
	fmt.Println(np.Parse("remote,fast,k=v,"))
	np.Sections([]string{"title", "", "a:b"})
	np.FlagInLoop([]string{"x", "start", "y"})
	np.EveryNth([]string{"a", "b", "c"}, 2)
	np.DefaultAfterStart([]string{"a", "b"})
	np.FirstLineHeader([]string{"h", "a"})
	np.OkInSwitch(nil, false, "k")
	np.OkAndMore(nil, false, true, "k")
	np.RangeNoVars(nil, false)
	np.WhileCounter([]string{"a", "b"})
	np.VarState([]string{"a", "b"})
	np.TestedValue(-1, "k")
	np.DeferredAfterMake("k")
	np.NestedStoredFirst([]string{"g", "g"})
}
