package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/stack"
)

// answerByDeadline makes sure a GraphQL request past its deadline gets a
// TIMEOUT answer, and gets it at the deadline: the handler runs on its
// own goroutine writing into a buffer, and when the deadline passes
// before it has finished (CPU-bound work that does not look at the
// context) or just as it finishes, the buffer is dropped and the client
// answered TIMEOUT, instead of waiting on, or being cut off at the
// server's write timeout. The handler's context is cancelled then, so its
// statements stop; a write is in one transaction, which the cancellation
// rolls back. Responses are bounded (Policy.MaxResponseBytes), so the
// buffer is too. A response the handler flushes (the parts of @defer)
// goes out from then on as it is written: past the deadline it ends as
// the cancelled handler ends it.
func answerByDeadline(timeout time.Duration, next http.Handler) http.Handler {
	if timeout <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if _, ok := ctx.Deadline(); !ok {
			next.ServeHTTP(w, r)
			return
		}
		bw := &bufferedWriter{out: w, header: w.Header().Clone()}
		done := make(chan any, 1)
		go func() {
			defer func() { done <- recover() }()
			stack.Grow() // the handler goes deep
			next.ServeHTTP(bw, r)
		}()
		select {
		case p := <-done:
			if p != nil {
				panic(p) // recoverPanics answers it, as for any handler
			}
			if ctx.Err() == nil || bw.streaming {
				if !bw.streaming {
					bw.copyTo(w)
				}
				return
			}
		case <-ctx.Done():
			if bw.abandon() {
				if p := <-done; p != nil { // streaming already: let it end
					panic(p)
				}
				return
			}
		}
		if ctx.Err() == context.Canceled {
			return // the client went away: nobody to answer
		}
		writeError(w, r, http.StatusOK, graph.CodeTimeout,
			fmt.Sprintf("the request took longer than the server allows (%v)", timeout), map[string]any{"limit": timeout.String()})
	})
}

// bufferedWriter holds a response until the handler is done with it, or
// flushes it (then it writes through to out). Writes after abandon go
// nowhere: the client has had its answer.
type bufferedWriter struct {
	out       http.ResponseWriter
	mu        sync.Mutex
	header    http.Header
	status    int
	body      bytes.Buffer
	abandoned bool
	streaming bool
}

func (bw *bufferedWriter) Header() http.Header { return bw.header }

func (bw *bufferedWriter) WriteHeader(status int) {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	if bw.status == 0 {
		bw.status = status
	}
}

func (bw *bufferedWriter) Write(b []byte) (int, error) {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	if bw.abandoned {
		return 0, http.ErrHandlerTimeout
	}
	if bw.streaming {
		return bw.out.Write(b)
	}
	if bw.status == 0 {
		bw.status = http.StatusOK
	}
	return bw.body.Write(b)
}

// Flush sends what is held and writes through from then on.
func (bw *bufferedWriter) Flush() {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	if bw.abandoned {
		return
	}
	if !bw.streaming {
		bw.streaming = true
		bw.copyTo(bw.out)
	}
	_ = http.NewResponseController(bw.out).Flush()
}

// abandon drops the held response, unless it is streaming already
// (reported).
func (bw *bufferedWriter) abandon() (streaming bool) {
	bw.mu.Lock()
	defer bw.mu.Unlock()
	if !bw.streaming {
		bw.abandoned = true
	}
	return bw.streaming
}

// copyTo sends the held response; the handler is done, or bw.mu held.
func (bw *bufferedWriter) copyTo(w http.ResponseWriter) {
	h := w.Header()
	for k := range h {
		if _, ok := bw.header[k]; !ok {
			delete(h, k)
		}
	}
	for k, v := range bw.header {
		h[k] = v
	}
	if bw.status == 0 {
		bw.status = http.StatusOK
	}
	w.WriteHeader(bw.status)
	w.Write(bw.body.Bytes())
}
