package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/compendium-kb/compendium/samples/evaluation"
)

// cmdBenchFields scores the facts the reader tags against the labelled
// set (samples/facts.json, the layout corpus, the Hindi samples):
// precision and recall per field, the held-out quarter apart, and with
// -v every case read wrongly.
func cmdBenchFields(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("bench fields", flag.ContinueOnError)
	verbose := fl.Bool("v", false, "list each case read wrongly, field by field")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: compendium bench fields [-v]")
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args, stderr); err != nil {
		return err
	}
	cases, err := evaluation.FieldCases()
	if err != nil {
		return err
	}
	held := 0
	for _, c := range cases {
		if c.Heldout {
			held++
		}
	}
	fmt.Fprintf(stdout, "labelled set: %d cases, %d held out from tuning\n", len(cases), held)
	fmt.Fprintf(stdout, "%-9s %-13s %6s %9s %7s %s\n", "part", "field", "cases", "precision", "recall", "floor")
	for _, heldout := range []bool{false, true} {
		part := "tuning"
		if heldout {
			part = "held-out"
		}
		for _, s := range evaluation.ScoreFields(cases, heldout) {
			floor := ""
			if f, ok := evaluation.Floors[s.Field]; ok && heldout {
				floor = fmt.Sprintf("%.2f / %.2f", f[0], f[1])
			}
			fmt.Fprintf(stdout, "%-9s %-13s %6d %9.3f %7.3f %s\n", part, s.Field, s.Cases, s.Precision(), s.Recall(), floor)
		}
	}
	if *verbose {
		for _, field := range evaluation.Fields {
			fmt.Fprintf(stdout, "\n%s:\n", field)
			for _, m := range evaluation.Mistakes(cases, field) {
				fmt.Fprintln(stdout, "  "+m)
			}
		}
	}
	return nil
}
