// Package browsertest drives headless Chromium through sourcecmp's web
// pages for tests. The same checks run against a fake API in the webui
// package's tests and against the real server in end-to-end tests: point
// a Tab at a base URL and call the Check functions.
//
// A Tab records what a person would not see but a test must: uncaught
// exceptions, console errors, Content-Security-Policy violations, failed
// requests and requests to any host other than the server's.
package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// DefaultChromium is where Debian's chromium package installs the browser.
const DefaultChromium = "/usr/bin/chromium"

// Browser is a fresh browser profile (a Chromium browser context: its
// own cookies, storage and cache) in a headless Chromium the process's
// tests share.
type Browser struct {
	ctx context.Context
}

// The Chromium of the process: started by the first Start, stopped when
// the last test using it ends. Launching one costs a second of CPU; the
// tests of a package running in parallel share it, each in a profile of
// its own.
var (
	chromeMu    sync.Mutex
	chromeUsers int
	chromeCtx   context.Context
	chromeStop  func()
)

// Start opens a fresh profile in the process's Chromium (SOURCECMP_CHROMIUM,
// else DefaultChromium), launching it unless it runs, and closes the
// profile when the test ends. Without a browser the test fails: the
// README's test command installs one.
func Start(t testing.TB) *Browser {
	t.Helper()
	browser, err := acquireChromium()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		releaseChromium()
		t.Fatalf("open a browser profile: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		releaseChromium()
	})
	return &Browser{ctx: ctx}
}

// acquireChromium returns the context of the process's Chromium,
// launching it if no test uses it.
func acquireChromium() (context.Context, error) {
	chromeMu.Lock()
	defer chromeMu.Unlock()
	if chromeUsers > 0 {
		chromeUsers++
		return chromeCtx, nil
	}
	path := os.Getenv("SOURCECMP_CHROMIUM")
	if path == "" {
		path = DefaultChromium
	}
	if _, err := exec.LookPath(path); err != nil {
		return nil, fmt.Errorf("no browser at %s: run `make test` (it installs Debian's chromium), or set SOURCECMP_CHROMIUM: %w", path, err)
	}
	dir, err := os.MkdirTemp("", "browsertest-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "ja-JP"),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1440, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	stop := func() {
		cancel()
		cancelAlloc() // waits for the browser to exit
		os.RemoveAll(dir)
	}
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, fmt.Errorf("start %s: %w", path, err)
	}
	chromeUsers, chromeCtx, chromeStop = 1, ctx, stop
	return ctx, nil
}

func releaseChromium() {
	chromeMu.Lock()
	defer chromeMu.Unlock()
	chromeUsers--
	if chromeUsers == 0 {
		chromeStop()
		chromeCtx, chromeStop = nil, nil
	}
}

// Tab is one browser tab on the server at Base.
type Tab struct {
	T    testing.TB
	Ctx  context.Context
	Base *url.URL

	mu       sync.Mutex
	problems []string
	answers  map[string][]string // response media types by URL path
	shots    string              // the screenshot directory, made on first use
}

// NewTab opens a tab that watches for problems on the server at baseURL.
func (b *Browser) NewTab(t testing.TB, baseURL string) *Tab {
	t.Helper()
	base, err := url.Parse(baseURL)
	if err != nil {
		t.Fatalf("base URL %q: %v", baseURL, err)
	}
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	tab := &Tab{T: t, Ctx: ctx, Base: base}
	if err := chromedp.Listen(ctx, tab.observe); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enable network events: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable log events: %v", err)
	}
	return tab
}

// observe runs on the tab's event loop: it must only record.
func (tab *Tab) observe(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		p = "uncaught exception: " + (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error()
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, strings.TrimSpace(a.Description+" "+string(a.Value)))
			}
			p = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
		}
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			p = fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		if !tab.local(ev.Request.URL) {
			p = "request leaves the server: " + ev.Request.URL
		}
	case *network.EventResponseReceived:
		if u, err := url.Parse(ev.Response.URL); err == nil {
			tab.mu.Lock()
			if tab.answers == nil {
				tab.answers = map[string][]string{}
			}
			tab.answers[u.Path] = append(tab.answers[u.Path], ev.Response.MimeType)
			tab.mu.Unlock()
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			p = fmt.Sprintf("request failed: %s %s", ev.ErrorText, ev.BlockedReason)
		}
	}
	if p != "" {
		tab.mu.Lock()
		tab.problems = append(tab.problems, p)
		tab.mu.Unlock()
	}
}

// local reports whether a URL the page loads stays on the server.
func (tab *Tab) local(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	}
	return u.Host == tab.Base.Host
}

// URL resolves a path against the server's base URL.
func (tab *Tab) URL(path string) string {
	ref, err := url.Parse(path)
	if err != nil {
		tab.T.Fatalf("path %q: %v", path, err)
	}
	return tab.Base.ResolveReference(ref).String()
}

// Do runs actions with a time limit, failing the test on error.
func (tab *Tab) Do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tab.T.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tab.Screenshot("failed")
		tab.T.Fatalf("%s: %v\nproblems seen: %v", what, err, tab.Problems())
	}
}

// Poll waits until the JavaScript expression is truthy.
func (tab *Tab) Poll(what, expr string) {
	tab.T.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		tab.Screenshot("failed")
		tab.T.Fatalf("%s: %v\nproblems seen: %v", what, err, tab.Problems())
	}
}

// Eval evaluates a JavaScript expression in the page and returns its value.
func Eval[T any](tab *Tab, expr string) T {
	tab.T.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tab.T.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// Problems returns what went wrong in the page so far.
func (tab *Tab) Problems() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.problems...)
}

// MediaTypes returns the media types of the responses to requests of the
// path so far, in order.
func (tab *Tab) MediaTypes(path string) []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.answers[path]...)
}

// RequireNoProblems fails the test if the page threw, logged an error,
// broke its CSP, failed a request or loaded anything from another host.
func (tab *Tab) RequireNoProblems() {
	tab.T.Helper()
	for _, p := range tab.Problems() {
		tab.T.Errorf("page problem: %s", p)
	}
}

// ArtifactDir is where screenshots go: $SOURCECMP_ARTIFACTS when set (CI
// keeps it), else a directory removed after the test.
func ArtifactDir(t testing.TB) string {
	if dir := os.Getenv("SOURCECMP_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatalf("artifact dir: %v", err)
		}
		return dir
	}
	return t.TempDir()
}

// Screenshot saves what the window shows as <test>-<name>.png in
// ArtifactDir and logs the path.
func (tab *Tab) Screenshot(name string) string {
	tab.T.Helper()
	return tab.save(name, chromedp.CaptureScreenshot())
}

// FullScreenshot saves the whole page, scrolled or not, as Screenshot does.
func (tab *Tab) FullScreenshot(name string) string {
	tab.T.Helper()
	return tab.save(name, chromedp.FullScreenshot(100))
}

func (tab *Tab) save(name string, shot chromedp.Action[[]byte]) string {
	tab.T.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		tab.T.Errorf("screenshot %s: %v", name, err)
		return ""
	}
	file := strings.NewReplacer("/", "-", " ", "_").Replace(tab.T.Name()) + "-" + name + ".png"
	if tab.shots == "" {
		tab.shots = ArtifactDir(tab.T)
	}
	path := filepath.Join(tab.shots, file)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tab.T.Errorf("screenshot %s: %v", name, err)
		return ""
	}
	tab.T.Logf("screenshot: %s", path)
	return path
}
