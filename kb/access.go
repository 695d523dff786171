package kb

import "context"

// One access policy covers everything that counts practices: the
// statistics pages and API, the figure columns of exports (rescued,
// arrested, convicted…), and the counts beside search facets. With
// statistics for signed-in users only, /api/v1/stats answered 401 while
// an anonymous export still carried every figure and search facets every
// count. New audiences (the field kit's roles) are decided here.

// MayReadStatistics says whether u (nil when not signed in) may read
// statistics under these settings. Analysts read them whatever the
// settings say: statistics are their work.
func (s Settings) MayReadStatistics(u *User) bool {
	if u != nil && u.Role == RoleAnalyst {
		return true
	}
	return s.StatsPublic() || u != nil
}

// MayReadSearchAnalytics says whether u may read what people searched
// for (the search report): the nodal cell's analysts, reviewers (who
// fill the gaps it shows) and admins.
func MayReadSearchAnalytics(u *User) bool {
	return u != nil && (u.Role == RoleAnalyst || u.Role == RoleReviewer || u.Role == RoleAdmin)
}

// HiddenCount is the count of a facet value whose reader may not see
// statistics: the value is shown, its count is not.
const HiddenCount = -1

type facetCountsKey struct{}

// WithoutFacetCounts marks a request's context: searches made with it
// answer facet values with HiddenCount for counts. The web layer marks
// the requests the policy above refuses statistics to, so that the
// search itself (query, ranking, cache) stays the same for everyone.
func WithoutFacetCounts(ctx context.Context) context.Context {
	return context.WithValue(ctx, facetCountsKey{}, true)
}

// hideFacetCounts returns facets with their counts hidden when ctx asks
// for it. It copies: the index may keep the facets it answered.
func hideFacetCounts(ctx context.Context, facets map[string][]FacetValue) map[string][]FacetValue {
	if hidden, _ := ctx.Value(facetCountsKey{}).(bool); !hidden {
		return facets
	}
	out := make(map[string][]FacetValue, len(facets))
	for name, values := range facets {
		vs := make([]FacetValue, len(values))
		for i, v := range values {
			vs[i] = FacetValue{Value: v.Value, Count: HiddenCount}
		}
		out[name] = vs
	}
	return out
}
