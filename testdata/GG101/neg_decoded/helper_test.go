package negdecoded

import (
	"encoding/json"
	"os"
	"testing"
)

// loadFixture decodes a document of the test's own data.
func loadFixture(t *testing.T, path string) map[string]any {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// safe: a test decodes its own data, through a helper too: had the document been
// null, the test itself would fail.
func TestListing(t *testing.T) {
	listing := loadFixture(t, "testdata/listing.json")
	listing["items"] = []any{}
	if len(listing) == 0 {
		t.Fatal("empty listing")
	}
}
