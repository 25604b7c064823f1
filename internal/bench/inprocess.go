package bench

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// ServeInProcess serves sourcecmp over st from this process on a free
// loopback port as serve runs it: the default policy but no per-client
// rate limit or budget of work (the load generator is one client, and a
// budget would answer a fast shape with 429s), and the cost model priced
// by the lists the data holds. It returns the URL of /graphql and
// the function that stops the server. Profiling a run (pprof) needs the
// server in the profiled process.
func ServeInProcess(ctx context.Context, st *store.Store, log *slog.Logger) (string, func(), error) {
	bounds, err := st.ListBoundsGet(ctx)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	policy := server.DefaultPolicy()
	policy.RateLimit, policy.CostRate = 0, 0
	srv := &http.Server{Handler: server.NewServer(server.Config{Log: log, Store: st, Policy: policy, Bounds: graph.NewBounds(bounds)})}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	stop := func() {
		srv.Close()
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Warn("in-process server", "err", err)
		}
	}
	return "http://" + ln.Addr().String() + "/graphql", stop, nil
}
