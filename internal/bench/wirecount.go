package bench

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
)

// StatementCounter is a TCP proxy in front of PostgreSQL that counts the
// statements its clients run: simple queries ('Q') and executions of
// prepared ones ('E'), read from the frontend side of the wire protocol.
// It measures how many statements a server that reports none (PostGraphile)
// runs per request, without pg_stat_statements (which must be preloaded
// at server start).
type StatementCounter struct {
	ln     net.Listener
	target string
	n      atomic.Int64
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  []net.Conn
}

// NewStatementCounter listens on a free loopback port and forwards to the
// host and port of databaseURL (a postgres:// URL).
func NewStatementCounter(databaseURL string) (*StatementCounter, error) {
	u, err := url.Parse(databaseURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("statement counter: want a postgres://host:port/… URL, got %q", databaseURL)
	}
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), "5432")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("statement counter: %w", err)
	}
	c := &StatementCounter{ln: ln, target: target}
	c.wg.Add(1)
	go c.accept()
	return c, nil
}

// URL returns databaseURL pointed at the proxy.
func (c *StatementCounter) URL(databaseURL string) string {
	u, _ := url.Parse(databaseURL) // checked by NewStatementCounter
	u.Host = c.ln.Addr().String()
	return u.String()
}

// Count returns the statements counted so far.
func (c *StatementCounter) Count() int64 { return c.n.Load() }

// Close stops the proxy and closes its connections.
func (c *StatementCounter) Close() error {
	err := c.ln.Close()
	c.mu.Lock()
	for _, conn := range c.conns {
		conn.Close()
	}
	c.mu.Unlock()
	c.wg.Wait()
	return err
}

func (c *StatementCounter) accept() {
	defer c.wg.Done()
	for {
		client, err := c.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", c.target)
		if err != nil {
			client.Close()
			continue
		}
		c.mu.Lock()
		c.conns = append(c.conns, client, server)
		c.mu.Unlock()
		c.wg.Add(2)
		go func() {
			defer c.wg.Done()
			c.frontend(client, server)
			server.Close()
		}()
		go func() {
			defer c.wg.Done()
			io.Copy(client, server)
			client.Close()
		}()
	}
}

// Startup codes of the untyped first messages (protocol 3.0).
const (
	sslRequest  = 80877103
	gssRequest  = 80877104
	cancelCode  = 80877102
	maxFrameLen = 1 << 30
)

// frontend copies the client's messages to the server, counting Query and
// Execute messages.
func (c *StatementCounter) frontend(client, server net.Conn) {
	r := bufio.NewReaderSize(client, 64<<10)
	var head [8]byte
	// Untyped messages first: SSL/GSS requests (answered by the server
	// with one byte) until the startup message.
	for {
		if _, err := io.ReadFull(r, head[:8]); err != nil {
			return
		}
		n := int64(binary.BigEndian.Uint32(head[:4]))
		code := binary.BigEndian.Uint32(head[4:8])
		if n < 8 || n > maxFrameLen {
			return
		}
		if _, err := server.Write(head[:8]); err != nil {
			return
		}
		if _, err := io.CopyN(server, r, n-8); err != nil {
			return
		}
		if code == cancelCode {
			return
		}
		if code != sslRequest && code != gssRequest {
			break
		}
	}
	for {
		if _, err := io.ReadFull(r, head[:5]); err != nil {
			return
		}
		if t := head[0]; t == 'Q' || t == 'E' {
			c.n.Add(1)
		}
		n := int64(binary.BigEndian.Uint32(head[1:5]))
		if n < 4 || n > maxFrameLen {
			return
		}
		if _, err := server.Write(head[:5]); err != nil {
			return
		}
		if _, err := io.CopyN(server, r, n-4); err != nil {
			return
		}
	}
}
