// Package modfieldsetter sets the exported field that negmodfield's constructor
// leaves out.
package modfieldsetter

import "goguard.test/GG101/neg_modfield"

// Open returns a store whose encryption map is made.
func Open() *negmodfield.Store {
	s := negmodfield.NewStore()
	s.Encryptions = map[string]string{}
	s.SetEncryption("lobby", "megolm")
	return s
}
