package negprecision

import "sort"

type Block struct {
	Description string
	Attributes  map[string]string
	BlockTypes  map[string]*Block
}

// safe: the map is made when the source has one, and written while ranging over the
// source: a nil source runs the loop zero times (terraform's DeepCopy).
func (b *Block) DeepCopy() *Block {
	block := &Block{Description: b.Description}
	if b.Attributes != nil {
		block.Attributes = make(map[string]string, len(b.Attributes))
	}
	for name, a := range b.Attributes {
		block.Attributes[name] = a
	}
	if b.BlockTypes != nil {
		block.BlockTypes = make(map[string]*Block, len(b.BlockTypes))
	}
	for name, bt := range b.BlockTypes {
		block.BlockTypes[name] = bt.DeepCopy()
	}
	return block
}

// safe: the same with a filter inside the loop.
func (b *Block) Filter(keep func(string) bool) *Block {
	ret := &Block{}
	if b.Attributes != nil {
		ret.Attributes = make(map[string]string)
	}
	for name, a := range b.Attributes {
		if keep(name) {
			ret.Attributes[name] = a
		}
	}
	return ret
}

// safe: nested fields on both sides: dst.Spec.Labels from src.Spec.Labels.
func CopyNested(src Object) Object {
	var dst Object
	if src.Spec.Labels != nil {
		dst.Spec.Labels = map[string]string{}
	}
	for k, v := range src.Spec.Labels {
		dst.Spec.Labels[k] = v
	}
	return dst
}

// safe: a len(src.X) > 0 guard instead of a nil check.
func CopyLenGuard(src Object) Object {
	dst := Object{}
	if len(src.Spec.Ports) > 0 {
		dst.Spec.Ports = make(map[string]int, len(src.Spec.Ports))
	}
	for k, v := range src.Spec.Ports {
		dst.Spec.Ports[k] = v
	}
	return dst
}

// safe: a three-clause loop bounded by len of the source.
func CopyIndexed(src []string, names map[string]bool) map[string]bool {
	var dst map[string]bool
	if len(src) > 0 {
		dst = make(map[string]bool)
	}
	for i := 0; i < len(src); i++ {
		dst[src[i]] = names[src[i]]
	}
	return dst
}

// safe: a range over a slice of the source's keys, empty when the source is nil.
func CopySortedKeys(src map[string]string) map[string]string {
	var dst map[string]string
	if src != nil {
		dst = make(map[string]string, len(src))
	}
	for _, k := range sortedKeys(src) {
		dst[k] = src[k]
	}
	return dst
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// safe: the make is skipped for an empty source, which the loop then never enters.
func CopyNotEmpty(src map[string]int) map[string]int {
	var dst map[string]int
	if len(src) != 0 {
		dst = map[string]int{}
	}
	for k, v := range src {
		dst[k] = v * 2
	}
	return dst
}
