// Package negmodfield holds an exported map field its constructor leaves out and
// another package of the module assigns: the write is not a creation fact's.
package negmodfield

type Store struct {
	Registrations map[string]bool
	Encryptions   map[string]string
}

// NewStore makes Registrations; its users set Encryptions (modfieldsetter does).
func NewStore() *Store { return &Store{Registrations: map[string]bool{}} }

// safe: another package of the module assigns the exported field before using it.
func (s *Store) SetEncryption(room, alg string) { s.Encryptions[room] = alg }
