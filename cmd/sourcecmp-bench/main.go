// Command sourcecmp-bench measures sourcecmp and is kept out of the
// product binary: it generates synthetic corpora, drives a server with a
// mix of real queries, and compares sourcecmp with PostGraphile and
// hand-written SQL (BENCHMARKS.md). Run `sourcecmp-bench help`.
package main

import (
	"context"
	"fmt"
	"io"

	"github.com/sourcecmp/sourcecmp/internal/cli"
)

func main() { cli.Main("sourcecmp-bench", run) }

// commands lists every subcommand; `sourcecmp-bench help` prints them in
// this order.
func commands() []cli.Command {
	return []cli.Command{
		{Name: "loadtest", Summary: "drive a server with a mix of real queries and report throughput, latency and memory", Run: runLoadtest},
		{Name: "synth", Summary: "generate a synthetic corpus at a scale factor and store it (for benchmarks)", Run: runSynth},
		{Name: "bench", Summary: "measure sourcecmp against PostGraphile and the SQL lower bound on a synthetic corpus", Run: runBench},
	}
}

func run(ctx context.Context, args []string, env *cli.Env) error {
	env.Program = "sourcecmp-bench"
	return cli.Dispatch(ctx, args, env, commands(), printUsage)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "sourcecmp-bench measures sourcecmp: synthetic corpora, load and the benchmark of BENCHMARKS.md.\n\n")
	fmt.Fprint(w, "Usage:\n  sourcecmp-bench <command> [flags] [arguments]\n\nCommands:\n")
	cli.PrintCommands(w, commands())
	fmt.Fprint(w, "\nRun `sourcecmp-bench <command> -h` for a command's flags.\n")
}
