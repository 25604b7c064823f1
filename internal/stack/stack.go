// Package stack grows a new goroutine's stack up front.
package stack

// size is about the stack a GraphQL request's goroutine reaches: gqlgen's
// executor, the field middleware, the walk and pgx nest deep.
const size = 64 << 10

// Grow grows the calling goroutine's stack to 64 KiB at once, while it
// holds a frame or two. A goroutine starts with 8 KiB and doubles its
// stack when a call needs more, copying every frame above
// (runtime.copystack): a request's goroutines did so several times at
// depth, a tenth of the server's CPU in a profile of the bench's reader.
// Call it first thing in a goroutine that will go as deep.
func Grow() { grow(0) }

//go:noinline
func grow(i int) byte {
	var frame [size]byte
	return frame[i]
}
