package mongodb

import (
	"net/url"
	"strings"
)

// parseDBName returns the database named in the path of a MongoDB URI.
func parseDBName(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	return strings.Trim(u.Path, "/"), nil
}
