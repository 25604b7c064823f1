package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Report is a benchmark run: where, on what data, and what it measured.
type Report struct {
	SF          int
	Documents   int
	Paragraphs  int
	Concurrency int
	Duration    time.Duration
	Machine     string
	Params      Params
	Results     []ShapeResult
	// PostGraphileSkipped says PostGraphile was not measured at all.
	PostGraphileSkipped bool
}

// Corpus reads the size of the loaded corpus.
func Corpus(ctx context.Context, db *pgxpool.Pool) (documents, paragraphs int, err error) {
	err = db.QueryRow(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM paragraphs)`).Scan(&documents, &paragraphs)
	if err != nil {
		return 0, 0, fmt.Errorf("bench: corpus size: %w", err)
	}
	return documents, paragraphs, nil
}

// Machine describes the machine the benchmark runs on: CPU, memory, and
// the versions of Go and PostgreSQL.
func Machine(ctx context.Context, db *pgxpool.Pool) string {
	cpu := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		s := bufio.NewScanner(f)
		for s.Scan() {
			if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	mem := ""
	if raw, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(raw), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/(1<<20))
		}
	}
	pg := "PostgreSQL ?"
	var v string
	if err := db.QueryRow(ctx, `SHOW server_version`).Scan(&v); err == nil {
		pg = "PostgreSQL " + v
	}
	return fmt.Sprintf("%d cores (%s)%s, %s, %s/%s, %s", runtime.NumCPU(), cpu, mem, runtime.Version(), runtime.GOOS, runtime.GOARCH, pg)
}

// ms writes a duration in milliseconds with a precision that suits it.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// cpuMS writes a CPU time per request in milliseconds, or n/a.
func cpuMS(d time.Duration) string {
	if d < 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond))
}

// WriteMarkdown writes the report: the setting, one table row per shape
// and backend, and the targets with pass or miss.
func (r *Report) WriteMarkdown(w io.Writer) {
	fmt.Fprintf(w, "SF%d: %d documents, %d paragraphs. Concurrency %d, %s per shape and backend.\n",
		r.SF, r.Documents, r.Paragraphs, r.Concurrency, r.Duration)
	fmt.Fprintf(w, "Machine: %s.\n", r.Machine)
	fmt.Fprintf(w, "Search terms: common %s (%d matching paragraphs), rare %s (%d), and %s (%d), phrase %s (%d); filtered: the common term in %s.\n\n",
		r.Params.CommonTerm, r.Params.CommonMatches, r.Params.RareTerm, r.Params.RareMatches,
		r.Params.AndTerms, r.Params.AndMatches, r.Params.Phrase, r.Params.PhraseMatches, r.Params.Topic)
	fmt.Fprintln(w, "| shape | backend | req/s | p50 ms | p95 ms | p99 ms | SQL/req | sourcecmp ÷ PostGraphile (req/s) | p50 ÷ SQL bound | server CPU ms/req | DB CPU ms/req | errors |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, s := range r.Results {
		bound := s.By[SQLBound]
		pg := s.By[PostGraphile]
		for _, b := range backends {
			m := s.By[b]
			if m == nil {
				if b == PostGraphile {
					why := "no equivalent in the generated schema"
					if r.PostGraphileSkipped {
						why = "skipped"
					}
					fmt.Fprintf(w, "| %s | postgraphile | — | — | — | — | — | %s | — | — | — | — |\n", s.Shape, why)
				}
				continue
			}
			stmts := "n/a"
			if m.Statements >= 0 {
				stmts = fmt.Sprintf("%.1f", m.Statements)
			}
			ratio := ""
			if (b == Sourcecmp || b == Baseline) && pg != nil && pg.Throughput > 0 {
				ratio = fmt.Sprintf("**%.1f×**", m.Throughput/pg.Throughput)
			}
			vsBound := ""
			if bound != nil && bound.P50 > 0 && b != SQLBound {
				vsBound = fmt.Sprintf("%.1f×", float64(m.P50)/float64(bound.P50))
			}
			fmt.Fprintf(w, "| %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n",
				s.Shape, b, m.Throughput, ms(m.P50), ms(m.P95), ms(m.P99), stmts, ratio, vsBound, cpuMS(m.ServerCPU), cpuMS(m.DBCPU), m.Errors)
		}
	}
	fmt.Fprintln(w)
	r.writeBaseline(w)
	r.writeTargets(w)
}

// writeBaseline compares sourcecmp with the baseline build, shape by
// shape, when one was measured.
func (r *Report) writeBaseline(w io.Writer) {
	var rows []string
	for _, s := range r.Results {
		sc, base := s.By[Sourcecmp], s.By[Baseline]
		if base == nil || base.Throughput == 0 || base.P50 == 0 {
			continue
		}
		cpu := "n/a"
		if sc.ServerCPU > 0 && base.ServerCPU > 0 {
			cpu = fmt.Sprintf("%.2f×", float64(sc.ServerCPU)/float64(base.ServerCPU))
		}
		rows = append(rows, fmt.Sprintf("| %s | %.2f× | %.2f× | %.2f× | %s |", s.Shape, sc.Throughput/base.Throughput,
			float64(sc.P50)/float64(base.P50), float64(sc.P99)/float64(base.P99), cpu))
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w, "| shape | req/s sourcecmp ÷ baseline | p50 | p99 | server CPU per request |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|")
	fmt.Fprintln(w, strings.Join(rows, "\n"))
	fmt.Fprintln(w)
}

// Target is one of issue 6's targets, measured.
type Target struct {
	Name     string
	Measured string
	Pass     bool
}

// Targets checks the targets a benchmark run can measure (the ingest
// targets are synth's).
func (r *Report) Targets() []Target {
	var out []Target
	for _, s := range r.Results {
		sc, pg, bound := s.By[Sourcecmp], s.By[PostGraphile], s.By[SQLBound]
		if pg != nil && pg.Throughput > 0 {
			ratio := sc.Throughput / pg.Throughput
			out = append(out, Target{Name: s.Shape + ": throughput ≥ 1.5× PostGraphile, p99 no worse",
				Measured: fmt.Sprintf("%.1f×, p99 %s ms vs %s ms", ratio, ms(sc.P99), ms(pg.P99)),
				Pass:     ratio >= 1.5 && sc.P99 <= pg.P99})
		}
		if s.Shape == "headline" && bound != nil {
			x := float64(sc.P50) / float64(bound.P50)
			out = append(out, Target{Name: "headline: p50 within 2× of the SQL bound",
				Measured: fmt.Sprintf("%s ms vs %s ms: %.1f×", ms(sc.P50), ms(bound.P50), x), Pass: x <= 2})
		}
		if strings.HasPrefix(s.Shape, "search") {
			out = append(out, Target{Name: s.Shape + ": p95 < 20 ms",
				Measured: fmt.Sprintf("%s ms", ms(sc.P95)), Pass: sc.P95 < 20*time.Millisecond})
		}
		if sc.Errors > 0 || (pg != nil && pg.Errors > 0) || (bound != nil && bound.Errors > 0) {
			out = append(out, Target{Name: s.Shape + ": no errors", Measured: firstError(s), Pass: false})
		}
	}
	return out
}

func firstError(s ShapeResult) string {
	for _, b := range backends {
		if m := s.By[b]; m != nil && m.FirstError != "" {
			return b + ": " + m.FirstError
		}
	}
	return ""
}

func (r *Report) writeTargets(w io.Writer) {
	fmt.Fprintln(w, "| target | measured | |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, t := range r.Targets() {
		verdict := "pass"
		if !t.Pass {
			verdict = "**miss**"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", t.Name, t.Measured, verdict)
	}
	var stmts []string
	for _, s := range r.Results {
		stmts = append(stmts, fmt.Sprintf("%s %.0f", s.Shape, s.By[Sourcecmp].Statements))
	}
	fmt.Fprintf(w, "\nsourcecmp statements per request (constant in data size: compare runs at SF1 and SF10): %s.\n", strings.Join(stmts, ", "))
}
