package kb

import (
	"fmt"
	"testing"
	"time"
)

func TestPeriodYears(t *testing.T) {
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		period string
		want   string
	}{
		{"2023-2024", "[2023 2024]"},
		{"2023–2024", "[2023 2024]"},
		{"2019–21", "[2019 2020 2021]"},
		{"March 2022 to June 2023", "[2022 2023]"},
		{"2024", "[2024]"},
		{"since 2030", "[]"},
		{"1976", "[1976]"},
		{"2010-1990", "[2010]"},
		{"1960-2026", "[1960]"},
		{"", "[]"},
		{"ongoing", "[]"},
	} {
		if got := fmt.Sprint(PeriodYears(c.period, now)); got != c.want {
			t.Errorf("PeriodYears(%q) = %s, want %s", c.period, got, c.want)
		}
	}
}
