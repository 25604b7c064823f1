package stack

import "testing"

// BenchmarkGoroutine compares a goroutine that goes deep with and
// without Grow first.
func BenchmarkGoroutine(b *testing.B) {
	for _, c := range []struct {
		name string
		grow bool
	}{{"doubling", false}, {"grown", true}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				done := make(chan int)
				go func() {
					if c.grow {
						Grow()
					}
					done <- deep(200)
				}()
				<-done
			}
		})
	}
}

// deep nests n frames of about 200 bytes each (40 KiB at 200).
func deep(n int) int {
	var pad [24]int64
	pad[n%24] = int64(n)
	if n == 0 {
		return 0
	}
	return deep(n-1) + int(pad[n%24])
}
