package ui

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

var (
	indexedDesc = prometheus.NewDesc("compendium_index_practices",
		"Practices in this node's search index.", nil, nil)
	storedDesc = prometheus.NewDesc("compendium_store_practices",
		"Practices in the database; the index lags behind by the difference.", nil, nil)
	submissionsDesc = prometheus.NewDesc("compendium_submissions",
		"Submissions by state of review.", []string{"status"}, nil)
	waitingDesc = prometheus.NewDesc("compendium_waiting",
		"Records waiting for a decision, by queue (proposals and the like).", []string{"queue"}, nil)
	positionDesc = prometheus.NewDesc("compendium_changelog_position",
		"The last change-log entry this node's index applied; the highest over the nodes less this one is its lag.", nil, nil)
	statsUpDesc = prometheus.NewDesc("compendium_stats_up",
		"1 when the knowledge base's figures could be read at this scrape.", nil, nil)
)

// statsCollector reads the knowledge base's figures when scraped, so that
// they are never stale and cost nothing between scrapes.
type statsCollector func(context.Context) (Stats, error)

func (statsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{indexedDesc, storedDesc, submissionsDesc, waitingDesc, positionDesc, statsUpDesc} {
		ch <- d
	}
}

func (f statsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := f(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(statsUpDesc, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(statsUpDesc, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(indexedDesc, prometheus.GaugeValue, float64(st.IndexedPractices))
	ch <- prometheus.MustNewConstMetric(storedDesc, prometheus.GaugeValue, float64(st.StoredPractices))
	for status, n := range st.Submissions {
		ch <- prometheus.MustNewConstMetric(submissionsDesc, prometheus.GaugeValue, float64(n), string(status))
	}
	if st.Following {
		ch <- prometheus.MustNewConstMetric(positionDesc, prometheus.GaugeValue, float64(st.ChangePosition))
	}
	for queue, n := range st.Waiting {
		ch <- prometheus.MustNewConstMetric(waitingDesc, prometheus.GaugeValue, float64(n), queue)
	}
}
