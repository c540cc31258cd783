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

func Anonymous() *Client { return &Client{once: new(sync.Once), token: "anonymous"} }

func (c *Client) Token() string {
	c.once.Do(func() { c.token = "resolved" })
	return c.token
}

func main() {
	fmt.Println(NewClient().Token())
	fmt.Println(Anonymous().Token())
}
