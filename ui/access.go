package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/kb"
)

// The web side of kb's one statistics policy (kb/access.go): the
// statistics pages and API refuse, exports leave the figure columns
// out, and searches answer facet values without counts.

// mayReadStatistics applies the policy to the request's reader.
func (h *handlers) mayReadStatistics(c *fiber.Ctx) (bool, error) {
	if h.insights == nil {
		return true, nil // no settings: statistics open
	}
	set, err := h.insights.Settings(c.UserContext())
	if err != nil {
		return false, err
	}
	return set.MayReadStatistics(current(c).user), nil
}

// statisticsPolicy marks a request whose reader may not read statistics,
// so that its searches leave facet counts out.
func (h *handlers) statisticsPolicy(c *fiber.Ctx) error {
	ok, err := h.mayReadStatistics(c)
	if err != nil {
		return err
	}
	if !ok {
		c.SetUserContext(kb.WithoutFacetCounts(c.UserContext()))
	}
	return c.Next()
}

// apiFacetValue is a facet value in the API; its count is left out
// where the reader may not read statistics.
type apiFacetValue struct {
	Value string `json:"value"`
	Count *int   `json:"count,omitempty"`
}

func toAPIFacets(facets map[string][]kb.FacetValue) map[string][]apiFacetValue {
	out := make(map[string][]apiFacetValue, len(facets))
	for name, values := range facets {
		vs := make([]apiFacetValue, len(values))
		for i, v := range values {
			vs[i] = apiFacetValue{Value: v.Value}
			if v.Count != kb.HiddenCount {
				vs[i].Count = &values[i].Count
			}
		}
		out[name] = vs
	}
	return out
}
