package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/bench"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// measuredPace is the least time between one measured client's requests
// when hostile clients run: the measured clients share one API key, and
// together keep under the default rate limit of a key (50 per second).
const measuredPace = 25 * time.Millisecond

// hostileMix is what a hostile client sends, anonymously and as fast as
// the server answers: the costliest requests the limits accept (ten
// searches of the longest text, a fan-out just under the cost limit, a
// walk back and forth that the response limit cuts off, a document whose
// validation fails a few thousand times) and ones they refuse.
func hostileMix(base, slug string) []bench.LoadRequest {
	longest := string([]rune(strings.Repeat("北朝鮮の軍事技術協力とロシア ", 20))[:256])
	var searches, conflicts strings.Builder
	searches.WriteString("query($q: String!) {")
	for i := range 10 {
		fmt.Fprintf(&searches, " s%d: search(query: $q) { totalCount nodes { snippet } }", i)
	}
	searches.WriteString(" }")
	conflicts.WriteString("{")
	for i := range 45 {
		fmt.Fprintf(&conflicts, " t%d: topics { %s}", i, strings.Repeat("name(lang: JA) name(lang: EN) ", 10))
	}
	conflicts.WriteString(" }")
	req := func(name, query string, vars map[string]any) bench.LoadRequest {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		return bench.LoadRequest{Name: name, URL: base + "/graphql", Body: body}
	}
	return []bench.LoadRequest{
		req("long searches", searches.String(), map[string]any{"q": longest}),
		req("fan-out", `{ documents(first: 8) { nodes { text sections { text paragraphs { text footnoteRefs { label footnote { body } } } } } } }`, nil),
		req("back and forth", `query($s: String) { document(slug: $s) { footnotes { document { footnotes { document { text } } } } } }`, map[string]any{"s": slug}),
		req("conflicts", conflicts.String(), nil),
		req("refused", `{ documents(first: 100) { nodes { footnotes { document { footnotes { document { text } } } } } } }`, nil),
	}
}

// victimKey makes an API key for the measured clients, so that their
// rate is their own and not the hostile clients' (who share an IP with
// them), and returns it with the function that revokes it.
func victimKey(ctx context.Context, dbURL string) (string, func(), error) {
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		return "", nil, err
	}
	key, hash, err := auth.NewKey()
	if err != nil {
		st.Close()
		return "", nil, err
	}
	b := make([]byte, 4)
	rand.Read(b)
	name := "loadtest-" + hex.EncodeToString(b)
	if _, err := st.APIKeyCreate(ctx, name, "reader", hash); err != nil {
		st.Close()
		return "", nil, err
	}
	return key, func() {
		st.APIKeyRevoke(context.Background(), name)
		st.Close()
	}, nil
}

// underAttack measures mix for duration alone and then while hostile
// clients send hostile, and reports both, the hostile requests' outcomes,
// and each kind's p50 under attack as a multiple of its p50 alone.
func underAttack(ctx context.Context, w io.Writer, mix, hostile []bench.LoadRequest, hostileClients int, opts bench.LoadOptions, mem *bench.PeakSampler, pid int) error {
	alone, aloneTotal, err := bench.Load(ctx, mix, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "alone")
	report(w, "", pid, opts.Concurrency, 0, alone, aloneTotal, &bench.PeakSampler{})

	attackCtx, stopAttack := context.WithCancel(ctx)
	var attack sync.WaitGroup
	var hostileByName map[string]*bench.LoadResult
	attack.Go(func() {
		hostileByName, _, _ = bench.Load(attackCtx, hostile, bench.LoadOptions{Concurrency: hostileClients, Duration: opts.Duration + time.Second})
	})
	sampleCtx, stopSampling := context.WithCancel(ctx)
	var sampling sync.WaitGroup
	if pid > 0 {
		sampling.Go(func() { mem.Sample(sampleCtx, 250*time.Millisecond, rssOf(pid)) })
	}
	time.Sleep(500 * time.Millisecond) // the attack under way
	attacked, attackedTotal, err := bench.Load(ctx, mix, opts)
	stopAttack()
	attack.Wait()
	stopSampling()
	sampling.Wait()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nwith %d hostile clients\n", hostileClients)
	report(w, "", pid, opts.Concurrency, 0, attacked, attackedTotal, mem)

	fmt.Fprintf(w, "\nhostile requests (not measured: what the server answered)\n")
	for _, n := range slices.Sorted(maps.Keys(hostileByName)) {
		r := hostileByName[n]
		fmt.Fprintf(w, "  %-15s %6d requests, %s, p50 %.1fms\n", n, r.Requests, statuses(r.Statuses), float64(r.P50.Microseconds())/1000)
	}
	fmt.Fprintf(w, "\np50 with the hostile clients / alone\n")
	for _, n := range slices.Sorted(maps.Keys(alone)) {
		if a, b := alone[n], attacked[n]; a != nil && b != nil && a.P50 > 0 {
			fmt.Fprintf(w, "  %-10s %.2f\n", n, float64(b.P50)/float64(a.P50))
		}
	}
	fmt.Fprintf(w, "  %-10s %.2f\n", "all", float64(attackedTotal.P50)/float64(max(aloneTotal.P50, 1)))
	if aloneTotal.Errors+attackedTotal.Errors > 0 {
		for _, e := range append(aloneTotal.FirstErrors, attackedTotal.FirstErrors...) {
			fmt.Fprintf(w, "loadtest: %s\n", e)
		}
		return cli.ErrSilentFailure
	}
	return nil
}

// statuses writes a status count as "200 ×12, 429 ×30".
func statuses(m map[int]int) string {
	codes := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(codes))
	for i, c := range codes {
		label := fmt.Sprint(c)
		if c == 0 {
			label = "no answer"
		}
		parts[i] = fmt.Sprintf("%s ×%d", label, m[c])
	}
	return strings.Join(parts, ", ")
}
