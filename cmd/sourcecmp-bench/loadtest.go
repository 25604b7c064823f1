package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/bench"
	"github.com/sourcecmp/sourcecmp/internal/cli"
)

// Bounds of a load test: it is a measurement, not a way to flood a host.
const (
	maxLoadConcurrency = 256
	maxLoadDuration    = 10 * time.Minute
	maxLoadRequests    = 10_000_000
)

func runLoadtest(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "loadtest", "[flags]", `
Drives a sourcecmp server with a mix of real queries (nested documents,
authors with their documents, node lookups, the reader's document query,
and comparison and search once the server answers them) from --concurrency
clients for --duration (or --requests), after a --warmup, and reports
throughput, p50/p95/p99 latency, errors and SQL statements per kind of
query, and the server's resident memory (after the warm-up, at its peak
and at the end). Exits non-zero when a request failed.

By default it starts `+"`sourcecmp serve`"+` (the sourcecmp binary next to this
one, or on PATH) on a free loopback port against --database-url, without a rate limit, and stops it afterwards.
With --url it drives a server already running; give --pid to sample its
memory. Only loopback addresses are accepted.

With --hostile N it measures the mix twice, alone and while N anonymous
clients send the costliest requests the limits accept (and some they
refuse) as fast as the server answers, and reports each kind's p50 under
attack as a multiple of its p50 alone. The server it starts then keeps its
default limits; the measured clients share an API key it makes (with --url,
give --key) and keep to 40 requests per second together.`)
	e := cli.NewEnvFlags(env, fs)
	target := e.String("url", "SOURCECMP_LOADTEST_URL", "", "base URL of a running server on a loopback address (default: start one)")
	pid := e.Int("pid", "SOURCECMP_LOADTEST_PID", 0, "with --url: the server's process id, to sample its memory")
	dbURL := cli.DatabaseFlag(env, fs)
	seeds := e.String("seeds", "SOURCECMP_SEEDS", "seeds", "seed directory of the server started")
	concurrency := e.Int("concurrency", "SOURCECMP_LOADTEST_CONCURRENCY", 32, fmt.Sprintf("clients sending at once (at most %d)", maxLoadConcurrency))
	duration := e.Duration("duration", "SOURCECMP_LOADTEST_DURATION", time.Minute, fmt.Sprintf("how long to measure (at most %v)", maxLoadDuration))
	requests := e.Int("requests", "SOURCECMP_LOADTEST_REQUESTS", 0, fmt.Sprintf("stop after this many requests; 0: at --duration (at most %d)", maxLoadRequests))
	warmup := e.Duration("warmup", "SOURCECMP_LOADTEST_WARMUP", 5*time.Second, "load before measuring, so that caches and pools are warm")
	key := e.String("key", "SOURCECMP_LOADTEST_KEY", "", "API key to send, for a server run with --require-key")
	hostile := e.Int("hostile", "SOURCECMP_LOADTEST_HOSTILE", 0, fmt.Sprintf("hostile clients to measure the mix against, besides alone (at most %d)", maxLoadConcurrency))
	if err := fs.Parse(args); err != nil {
		return err
	}
	usage := func(msg string) error {
		fs.Usage()
		return fmt.Errorf("loadtest: %s: %w", msg, cli.ErrUsage)
	}
	switch {
	case e.Err() != nil:
		return e.Err()
	case fs.NArg() > 0:
		return usage("unexpected arguments")
	case *concurrency < 1 || *concurrency > maxLoadConcurrency:
		return usage(fmt.Sprintf("--concurrency must be 1 to %d", maxLoadConcurrency))
	case *duration <= 0 || *duration > maxLoadDuration || *warmup < 0 || *warmup > maxLoadDuration:
		return usage(fmt.Sprintf("--duration must be positive and, like --warmup, at most %v", maxLoadDuration))
	case *requests < 0 || *requests > maxLoadRequests:
		return usage(fmt.Sprintf("--requests must be 0 to %d", maxLoadRequests))
	case *pid != 0 && *target == "":
		return usage("--pid goes with --url")
	case *hostile < 0 || *hostile > maxLoadConcurrency:
		return usage(fmt.Sprintf("--hostile must be 0 to %d", maxLoadConcurrency))
	case *hostile > 0 && *target != "" && *key == "":
		return usage("--hostile against --url needs --key: the measured clients' own rate")
	}

	base, serverPID := strings.TrimRight(*target, "/"), *pid
	if base != "" {
		if err := requireLoopback(ctx, base); err != nil {
			return usage(err.Error())
		}
	} else {
		child, err := startServer(ctx, env, *dbURL, *seeds, *hostile == 0)
		if err != nil {
			return fmt.Errorf("loadtest: %w", err)
		}
		defer stopServer(env, child)
		base, serverPID = child.Base, child.Pid()
		if *hostile > 0 {
			k, revoke, err := victimKey(ctx, *dbURL)
			if err != nil {
				return fmt.Errorf("loadtest: %w", err)
			}
			defer revoke()
			*key = k
		}
	}
	header := http.Header{}
	if *key != "" {
		header.Set("Authorization", "Bearer "+*key)
	}
	mix, skipped, err := queryMix(ctx, base, header)
	if err != nil {
		return fmt.Errorf("loadtest: %w", err)
	}
	for _, s := range skipped {
		fmt.Fprintf(env.Stderr, "loadtest: leaving out %s\n", s)
	}
	var pace time.Duration
	if *hostile > 0 {
		pace = time.Duration(*concurrency) * measuredPace
	}
	if *warmup > 0 {
		if _, _, err := bench.Load(ctx, mix, bench.LoadOptions{Concurrency: *concurrency, Duration: *warmup, Pace: pace}); err != nil {
			return fmt.Errorf("loadtest: warm-up: %w", err)
		}
	}
	var mem bench.PeakSampler
	if *hostile > 0 {
		fmt.Fprintf(env.Stdout, "target       %s (pid %d)\n", base, serverPID)
		opts := bench.LoadOptions{Concurrency: *concurrency, Duration: *duration, Pace: pace, StatementsHeader: "X-Sql-Statements"}
		var first struct {
			Documents struct{ Nodes []struct{ Slug string } }
		}
		if err := graphQL(ctx, base, header, `{ documents(first: 1) { nodes { slug } } }`, nil, &first); err != nil || len(first.Documents.Nodes) == 0 {
			return fmt.Errorf("loadtest: read a document for the hostile mix: %v", err)
		}
		if err := underAttack(ctx, env.Stdout, mix, hostileMix(base, first.Documents.Nodes[0].Slug), *hostile, opts, &mem, serverPID); err != nil {
			return fmt.Errorf("loadtest: %w", err)
		}
		return ctx.Err()
	}
	sampleCtx, stopSampling := context.WithCancel(ctx)
	var sampling sync.WaitGroup
	if serverPID > 0 {
		sampling.Go(func() { mem.Sample(sampleCtx, 250*time.Millisecond, rssOf(serverPID)) })
	}
	byName, total, err := bench.Load(ctx, mix, bench.LoadOptions{Concurrency: *concurrency, Duration: *duration,
		MaxRequests: *requests, StatementsHeader: "X-Sql-Statements"})
	stopSampling()
	sampling.Wait()
	if err != nil {
		return fmt.Errorf("loadtest: %w", err)
	}
	report(env.Stdout, base, serverPID, *concurrency, *warmup, byName, total, &mem)
	if total.Errors > 0 {
		for _, e := range total.FirstErrors {
			fmt.Fprintf(env.Stderr, "loadtest: %s\n", e)
		}
		return cli.ErrSilentFailure
	}
	return ctx.Err()
}

// requireLoopback refuses URLs whose host is not a loopback address.
func requireLoopback(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--url %q is not an http(s) URL", raw)
	}
	host := u.Hostname()
	ips := []net.IP{net.ParseIP(host)}
	if ips[0] == nil {
		addrs, err := net.DefaultResolver.LookupIPAddr(ctx, host)
		if err != nil || len(addrs) == 0 {
			return fmt.Errorf("--url: cannot resolve %s", host)
		}
		ips = ips[:0]
		for _, a := range addrs {
			ips = append(ips, a.IP)
		}
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("--url: %s is not a loopback address: the load test only drives a server on this machine", host)
		}
	}
	return nil
}

// startServer starts sourcecmp serve on the seeds and waits until it is
// ready. Unlimited turns its rate limits off, which the load would trip.
func startServer(ctx context.Context, env *cli.Env, dbURL, seeds string, unlimited bool) (*bench.Process, error) {
	exe, err := bench.SourcecmpBinary("")
	if err != nil {
		return nil, err
	}
	args := []string{"--database-url", dbURL, "--seeds", seeds, "--log-level", "warn", "--log-format", "text"}
	if unlimited {
		args = append(args, "--rate-limit", "0", "--cost-rate", "0")
	}
	p, err := bench.StartSourcecmp(ctx, exe, args...)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(env.Stderr, "loadtest: started sourcecmp serve (pid %d) at %s\n", p.Pid(), p.Base)
	return p, nil
}

// stopServer stops the server the load test started and says how it
// exited when that was not cleanly.
func stopServer(env *cli.Env, p *bench.Process) {
	if err := p.Stop(); err != nil {
		fmt.Fprintf(env.Stderr, "loadtest: the server exited: %v\n%s", err, p.Output())
	}
}

// rssOf reads a process's resident memory, in MiB, from /proc.
func rssOf(pid int) func(context.Context) (float64, error) {
	path := fmt.Sprintf("/proc/%d/status", pid)
	return func(context.Context) (float64, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return 0, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
				return kb / 1024, err
			}
		}
		return 0, errors.New("no VmRSS")
	}
}

func report(w io.Writer, base string, pid, concurrency int, warmup time.Duration, byName map[string]*bench.LoadResult, total *bench.LoadResult, mem *bench.PeakSampler) {
	if base != "" {
		fmt.Fprintf(w, "target       %s (pid %d)\n", base, pid)
	}
	fmt.Fprintf(w, "load         %d clients for %v after a %v warm-up\n", concurrency, total.Elapsed.Round(time.Millisecond), warmup)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "query\trequests\terrors\tp50\tp95\tp99\tmax\tSQL statements\t")
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	row := func(r *bench.LoadResult) {
		ms := func(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%.1f\t\n", r.Name, r.Requests, r.Errors, ms(r.P50), ms(r.P95), ms(r.P99), ms(r.Max), r.Statements)
	}
	for _, n := range names {
		row(byName[n])
	}
	row(total)
	tw.Flush()
	fmt.Fprintf(w, "throughput   %.0f requests/s\n", total.Throughput())
	fmt.Fprintf(w, "errors       %d of %d\n", total.Errors, total.Requests)
	if mem.Samples > 0 {
		fmt.Fprintf(w, "server RSS   %.1f MiB after the warm-up, peak %.1f MiB, %.1f MiB at the end (%d samples)\n", mem.First, mem.Peak, mem.Last, mem.Samples)
	}
}

// The queries of the mix; $id, $slug, $topic and $q vary per request.
const (
	loadDocuments = `query Documents { documents(first: 5) { totalCount pageInfo { hasNextPage endCursor }
  nodes { id slug title publishedOn authors { name affiliation }
    sections { heading level paragraphs { ordinal text footnoteRefs { label offset } footnotes { label body urls } } }
    footnotes { label body citedIn { ordinal } } } } }`
	loadAuthors = `query Authors { authors(first: 20) { totalCount
  nodes { id name affiliation documents(first: 5) { totalCount nodes { slug title publishedOn } } } } }`
	loadNode = `query Node($id: ID!) { node(id: $id) { id
  ... on Document { title sections { heading } }
  ... on Paragraph { ordinal text section { heading } document { slug title } footnotes { label body } } } }`
	loadReader = `query Reader($slug: String!) { document(slug: $slug) { slug title subtitle publisher publishedOn url
  authors { name affiliation title }
  sections { heading level paragraphs { ordinal text start end footnoteRefs { label offset } } }
  footnotes { label body urls } } }`
	loadCompare = `query Compare($topic: String!) { compare(topic: $topic) { topic { slug name positions { slug label } }
  nodes { document { slug title } authors { name } coverage stance { position summary citations { quote anchored } } evidence(first: 2) { nodes { snippet } } } } }`
	loadSearch = `query Search($q: String!) { search(query: $q, first: 10) { totalCount nodes { snippet score paragraph { ordinal document { slug } } } } }`
	loadSetup  = `{ documents(first: 100) { nodes { id slug sections { paragraphs { id } } } } topics { slug } }`
)

// queryMix reads ids and slugs off the server and builds the requests:
// the same kinds, over different objects. Comparison and search join the
// mix when the server answers them without errors.
func queryMix(ctx context.Context, base string, header http.Header) (mix []bench.LoadRequest, skipped []string, err error) {
	var setup struct {
		Documents struct {
			Nodes []struct {
				ID, Slug string
				Sections []struct {
					Paragraphs []struct{ ID string }
				}
			}
		}
		Topics []struct{ Slug string }
	}
	if err := graphQL(ctx, base, header, loadSetup, nil, &setup); err != nil {
		return nil, nil, fmt.Errorf("read the documents to query: %w", err)
	}
	if len(setup.Documents.Nodes) == 0 {
		return nil, nil, errors.New("the server holds no document")
	}
	req := func(name, query string, vars map[string]any) bench.LoadRequest {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		return bench.LoadRequest{Name: name, URL: base + "/graphql", Body: body, Header: header, Check: checkGraphQL}
	}
	for i, d := range setup.Documents.Nodes {
		mix = append(mix, req("documents", loadDocuments, nil), req("authors", loadAuthors, nil),
			req("node", loadNode, map[string]any{"id": d.ID}), req("reader", loadReader, map[string]any{"slug": d.Slug}))
		for _, s := range d.Sections {
			if len(s.Paragraphs) > 0 {
				mix = append(mix, req("node", loadNode, map[string]any{"id": s.Paragraphs[len(s.Paragraphs)/2].ID}))
				break
			}
		}
		if i < len(setup.Topics) {
			mix = append(mix, req("compare", loadCompare, map[string]any{"topic": setup.Topics[i].Slug}))
		}
		mix = append(mix, req("search", loadSearch, map[string]any{"q": []string{"中国", "ロシア", "北朝鮮", "制裁", "条約"}[i%5]}))
	}
	// Leave out the kinds the server does not answer (yet).
	var kept []bench.LoadRequest
	bad := map[string]error{}
	for _, r := range mix {
		if _, seen := bad[r.Name]; !seen {
			bad[r.Name] = probe(ctx, r)
		}
		if bad[r.Name] == nil {
			kept = append(kept, r)
		}
	}
	for name, err := range bad {
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("%s queries: %v", name, err))
		}
	}
	if len(kept) == 0 {
		return nil, skipped, errors.New("no query of the mix succeeds")
	}
	return kept, skipped, nil
}

// probe sends one request of a kind.
func probe(ctx context.Context, r bench.LoadRequest) error {
	_, total, err := bench.Load(ctx, []bench.LoadRequest{r}, bench.LoadOptions{Concurrency: 1, MaxRequests: 1})
	if err != nil {
		return err
	}
	if total.Errors > 0 {
		return errors.New(total.FirstErrors[0])
	}
	return nil
}

// checkGraphQL fails a response that carries errors or no data.
func checkGraphQL(body []byte) error {
	var out struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return fmt.Errorf("not JSON: %.100s", body)
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("GraphQL error: %s", out.Errors[0].Message)
	}
	if len(out.Data) == 0 || bytes.Equal(out.Data, []byte("null")) {
		return errors.New("no data")
	}
	return nil
}

// graphQL runs one query and decodes its data into v.
func graphQL(ctx context.Context, base string, header http.Header, query string, vars map[string]any, v any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if err := checkGraphQL(b); err != nil {
		return fmt.Errorf("HTTP %d: %w", resp.StatusCode, err)
	}
	var out struct{ Data json.RawMessage }
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	return json.Unmarshal(out.Data, v)
}
