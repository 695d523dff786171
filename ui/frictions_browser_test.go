package ui_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDidYouMeanAsYouType: in the browser, a state field left with
// "Jharkhnd" offers Jharkhand at once, and choosing it puts it in the
// field, the other names kept; the route editor of a reviewer does the
// same.
func TestDidYouMeanAsYouType(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser test")
	}
	base, ra := liveServer(t)
	id := ra.submitted(t)
	ctx, cancel := newBrowser(t)
	defer cancel()
	run, until := runIn(t, ctx), untilIn(t, ctx, 20*time.Second)
	if err := login(ctx, base, "officer@police.example"); err != nil {
		t.Fatalf("signing in: %v", err)
	}
	run("type a mistyped state and leave the field, on a phone",
		chromedp.EmulateViewport(360, 740),
		chromedp.Navigate(base+"/submissions/new"),
		chromedp.WaitVisible("#f-states", chromedp.ByQuery),
		chromedp.SendKeys("#f-states", "Delhi, Jharkhnd", chromedp.ByQuery),
		chromedp.Focus("#f-district", chromedp.ByQuery),
	)
	until("the offer", `[...document.querySelectorAll("#f-states-near button")].some(b => b.textContent === "Jharkhand")`)
	until("the offer tied to the field", `document.getElementById("f-states").getAttribute("aria-describedby").includes("f-states-near")`)
	var overflow bool
	var png []byte
	run("look at it", chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
		chromedp.ScrollIntoView("#f-states", chromedp.ByQuery), chromedp.CaptureScreenshot(&png))
	if overflow {
		t.Error("with the offer shown, the form scrolls sideways at 360 px")
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(t), "did-you-mean-360.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	run("choose it", chromedp.Click(`#f-states-near button`, chromedp.ByQuery))
	until("the field corrected", `document.getElementById("f-states").value === "Delhi, Jharkhand" && !document.querySelector("#f-states-near button")`)

	if err := login(ctx, base, "reviewer@police.example"); err != nil {
		t.Fatalf("signing in: %v", err)
	}
	var empty string // the id of the empty row's source, which adds a route
	run("open the submission's route editor",
		chromedp.Navigate(base+"/submissions/"+id),
		chromedp.WaitVisible(`input[name=route_source]`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll("input[name=route_source]")].pop().id`, &empty),
	)
	run("a route from a mistyped place",
		chromedp.SendKeys("#"+empty, "Jharkhnd", chromedp.ByQuery),
		chromedp.Focus(`input[name=route_destination]`, chromedp.ByQuery),
	)
	until("the route's offer", `[...document.querySelectorAll(".routes-edit .did-you-mean button")].some(b => b.textContent === "Jharkhand")`)
}
