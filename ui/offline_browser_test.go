package ui_test

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// switchProxy stands between the browser and the app, and can be cut:
// cut, it closes every connection and refuses new ones, as a phone out
// of signal sees the network. DevTools' offline emulation applies to the
// page; the cut makes the service worker's own requests fail too.
type switchProxy struct {
	mu     sync.Mutex
	online bool
	conns  map[net.Conn]bool
	addr   string
}

func newSwitchProxy(t *testing.T, target string) *switchProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &switchProxy{online: true, conns: map[net.Conn]bool{}, addr: ln.Addr().String()}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c, target)
		}
	}()
	return p
}

func (p *switchProxy) serve(c net.Conn, target string) {
	p.mu.Lock()
	if !p.online {
		p.mu.Unlock()
		c.Close()
		return
	}
	p.conns[c] = true
	p.mu.Unlock()
	defer func() { p.mu.Lock(); delete(p.conns, c); p.mu.Unlock(); c.Close() }()
	up, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer up.Close()
	go io.Copy(up, c)
	io.Copy(c, up)
}

func (p *switchProxy) set(online bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.online = online
	if !online {
		for c := range p.conns {
			c.Close()
		}
	}
}

// The field kit on a phone that loses its signal: the app installs; a
// pack and five practices opened (one in Hindi) read again offline, as
// they were read; a search offline says so and finds what is kept; a
// submission written offline arrives once when the network returns; a
// withdrawn practice is dropped. On Slow 3G the search page's first
// visit and a repeat visit are timed.
func TestOfflineFieldKit(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser")
	}
	axe := axeSource(t)
	app, ra := liveServer(t)
	px := newSwitchProxy(t, strings.TrimPrefix(app, "http://"))
	base := "http://" + px.addr
	ctx, cancel := newBrowser(t)
	defer cancel()
	run, until := runIn(t, ctx), untilPromised(t, ctx, 30*time.Second)

	_, body := ra.api(t, "", "GET", "/api/v1/search?q=trafficking&size=5", nil)
	var res struct{ Hits []struct{ ID, Title string } }
	if err := json.Unmarshal(body, &res); err != nil || len(res.Hits) < 5 {
		t.Fatalf("five practices to read: %v %d", err, len(res.Hits))
	}
	pack := ra.newPack(t, "officer", "Offline pack")
	ra.apiForm(t, "officer", "/packs/add", url.Values{"pack": {pack}, "practice": {res.Hits[0].ID}})

	if err := login(ctx, base, "officer@police.example"); err != nil {
		t.Fatal(err)
	}
	run("open the search page", chromedp.Navigate(base+"/"))
	until("the service worker controls the page", `!!navigator.serviceWorker.controller`)
	var errs []*page.InstallabilityError
	run("install criteria", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		errs, err = page.GetInstallabilityErrors().Do(ctx)
		return err
	}))
	for _, e := range errs {
		t.Errorf("not installable: %s", e.ErrorID)
	}

	run("open the pack", chromedp.Navigate(base+"/packs/"+pack), chromedp.WaitVisible("h1", chromedp.ByQuery))
	until("the handout is kept", `caches.match(location.origin + "/packs/`+pack+`/handout").then(r => !!r)`)
	titles := make([]string, 5)
	for i, h := range res.Hits[:5] {
		if i == 4 {
			run("read in Hindi", chromedp.Navigate(base+"/display?lang=hi&back=/"))
		}
		run("open "+h.ID, chromedp.Navigate(base+"/practices/"+h.ID), chromedp.WaitVisible("#cite-h", chromedp.ByQuery), chromedp.Text("h1", &titles[i], chromedp.ByQuery))
	}
	run("back to English", chromedp.Navigate(base+"/display?lang=en&back=/submissions/new"), chromedp.WaitVisible("#f-title", chromedp.ByQuery))
	run("write a submission", chromedp.SendKeys("#f-title", "Written at the border post with no signal", chromedp.ByQuery))

	px.set(false)
	everywhere := onPageAndWorkers(t, ctx)
	everywhere("go offline", network.Enable(), network.EmulateNetworkConditions(true, 0, 0, 0))
	run("send it offline", leave(chromedp.Click(`button[name="then"][value="save"]`, chromedp.ByQuery)))
	until("the form is kept", `!!document.getElementById("kept-note")`)

	for i, h := range res.Hits[:5] {
		var title, lang string
		run("read "+h.ID+" offline", chromedp.Navigate(base+"/practices/"+h.ID), chromedp.WaitVisible("h1", chromedp.ByQuery),
			chromedp.Text("h1", &title, chromedp.ByQuery), chromedp.Evaluate(`document.documentElement.lang`, &lang))
		if want := map[bool]string{true: "hi", false: "en"}[i == 4]; title != titles[i] || lang != want {
			t.Errorf("offline, %s reads %q in %q; it was read as %q in %s", h.ID, title, lang, titles[i], want)
		}
	}
	for _, path := range []string{"/packs/" + pack, "/packs/" + pack + "/handout"} {
		var text string
		run("open "+path+" offline", chromedp.Navigate(base+path), chromedp.WaitVisible("h1", chromedp.ByQuery), chromedp.Text("main", &text, chromedp.ByQuery))
		if !strings.Contains(text, "Offline pack") {
			t.Errorf("%s offline: %.200q", path, text)
		}
	}
	word := strings.ToLower(strings.Fields(titles[0])[len(strings.Fields(titles[0]))-1])
	run("search offline", chromedp.Navigate(base+"/?q="+url.QueryEscape(word)), chromedp.WaitVisible("#offline-note", chromedp.ByQuery))
	until("the offline search finds what is kept", `[...document.querySelectorAll(".hit a")].some(a => a.href.includes("/practices/`+res.Hits[0].ID+`"))`)
	checkAxe(t, ctx, axe, "offline search")

	everywhere("back online", network.EmulateNetworkConditions(false, 0, -1, -1))
	px.set(true)
	run("a page online", chromedp.Navigate(base+"/"), chromedp.WaitVisible("h1", chromedp.ByQuery))
	countSent := func() int {
		_, body := ra.api(t, "officer", "GET", "/api/v1/submissions", nil)
		return strings.Count(string(body), "Written at the border post with no signal")
	}
	for deadline := time.Now().Add(20 * time.Second); countSent() == 0 && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
	}
	run("a second page online, which sends again whatever is kept", chromedp.Navigate(base+"/saved"), chromedp.WaitVisible("h1", chromedp.ByQuery))
	time.Sleep(2 * time.Second)
	if n := countSent(); n != 1 {
		t.Errorf("the submission written offline arrived %d times, want once", n)
	}
	checkAxe(t, ctx, axe, "saved")

	gone := res.Hits[1].ID
	if status, body := ra.api(t, "reviewer", "POST", "/api/v1/practices/"+gone+"/withdraw", map[string]string{"reason": "A duplicate."}); status != 200 {
		t.Fatalf("withdraw: %d %s", status, body)
	}
	run("open the withdrawn practice", chromedp.Navigate(base+"/practices/"+gone), chromedp.WaitVisible("h1", chromedp.ByQuery))
	until("the service worker drops it", `caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(ls => !ls.flat().some(r => r.url.includes("/practices/`+gone+`")))`)

	// Slow 3G as DevTools define it: 400 ms latency, 400 kbit/s down and
	// up; on the page and on the worker's own requests.
	slow3G := network.EmulateNetworkConditions(false, 400, 400*1000/8, 400*1000/8)
	visit := func(ctx context.Context, what, path string) time.Duration {
		start := time.Now()
		runIn(t, ctx)(what, chromedp.Navigate(base+path), chromedp.WaitVisible("#q", chromedp.ByQuery), chromedp.WaitVisible(".hit", chromedp.ByQuery))
		return time.Since(start)
	}
	fresh, cancelFresh := newBrowser(t) // a first visit: no worker, nothing kept
	defer cancelFresh()
	runIn(t, fresh)("Slow 3G", network.Enable(), slow3G)
	first := visit(fresh, "first visit on Slow 3G", "/?q=bonded+labour")
	run("a visit that keeps the page", chromedp.Navigate(base+"/?q=bonded+labour"), chromedp.WaitVisible(".hit", chromedp.ByQuery))
	until("the results page is kept", `caches.match(location.href).then(r => !!r)`)
	everywhere("Slow 3G", network.Enable(), slow3G)
	repeat := visit(ctx, "repeat visit on Slow 3G", "/?q=bonded+labour")
	t.Logf("search page on Slow 3G (400 ms, 400 kbit/s): first visit %v, repeat visit (from the service worker) %v", first.Round(time.Millisecond), repeat.Round(time.Millisecond))
	everywhere("full speed", network.EmulateNetworkConditions(false, 0, -1, -1))
	withFieldRoles(t, ra)
	for _, role := range []string{"officer", "trainer", "analyst", "reviewer", "admin"} {
		if err := login(ctx, base, role+"@police.example"); err != nil {
			t.Fatalf("sign in as %s: %v", role, err)
		}
		checkAxe(t, ctx, axe, role+"'s landing page")
		// Every role's pages, as this role: its own and the refusals
		// of the others'.
		for _, target := range slices.Sorted(maps.Keys(rolePages)) {
			run(target, chromedp.Navigate(base+target))
			checkAxe(t, ctx, axe, target+" as "+role)
		}
	}
	if first > 6*time.Second || repeat > time.Second {
		t.Errorf("search page on Slow 3G: first visit %v (want within 6 s), repeat %v (want within 1 s)", first, repeat)
	}
}

// untilPromised waits for a condition that may be a promise (the Cache
// API answers with promises).
func untilPromised(t *testing.T, ctx context.Context, wait time.Duration) func(what, js string) {
	return func(what, js string) {
		t.Helper()
		for deadline := time.Now().Add(wait); ; {
			var ok bool
			err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok, func(p *runtimeEvaluate) *runtimeEvaluate { return p.WithAwaitPromise(true) }))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s did not become true (%v)", what, js, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// onPageAndWorkers returns a runner of actions on the page and on each
// service worker, as DevTools' network panel applies its emulation to
// both: set on the page alone, it leaves the worker's requests alone.
// A worker keeps one session to the test's end: emulation is the
// session's, and a second session would not undo the first's.
func onPageAndWorkers(t *testing.T, ctx context.Context) func(what string, actions ...chromedp.Action) {
	sessions := map[target.ID]context.Context{}
	return func(what string, actions ...chromedp.Action) {
		t.Helper()
		runIn(t, ctx)(what, actions...)
		targets, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ti := range targets {
			if ti.Type != "service_worker" {
				continue
			}
			wctx, ok := sessions[ti.TargetID]
			if !ok {
				wctx, _ = chromedp.NewContext(ctx, chromedp.WithTargetID(ti.TargetID)) // closed with the browser
				sessions[ti.TargetID] = wctx
			}
			if err := chromedp.Run(wctx, actions...); err != nil {
				t.Fatalf("%s on the service worker: %v", what, err)
			}
		}
	}
}
