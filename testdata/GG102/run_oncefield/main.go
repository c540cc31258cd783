// panics: invalid memory address or nil pointer dereference
package main

import (
	"fmt"
	"sync"
)

type Client struct {
	once  *sync.Once
	token string
}

func NewClient() *Client { return &Client{once: new(sync.Once)} }

// Anonymous forgets the Once.
func Anonymous() *Client { return &Client{token: "anonymous"} }

// Token resolves the token once; the closure sets a field of the receiver.
func (c *Client) Token() string {
	c.once.Do(func() { c.token = "resolved" }) // want `nil pointer "c.once"`
	return c.token
}

func main() {
	fmt.Println(NewClient().Token())
	fmt.Println(Anonymous().Token())
}
