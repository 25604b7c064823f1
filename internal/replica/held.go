package replica

import (
	"bytes"
	"context"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
)

// holdBack is how much of a replica's result is read before the caller
// sees its first row. Every read of a GraphQL request fits (loaders ask
// for a page of parents' children); a larger one (an export) streams on
// past it and fails, if the replica goes, as it would on the primary.
const holdBack = 4 << 20

// readReplica runs a read on the replica and reads its result ahead: it
// returns an error for any failure within the first holdBack bytes,
// before the caller has seen a row, so that the read can be run again on
// the primary from its start.
func (r *Router) readReplica(ctx context.Context, q *Route, sql string, args []any) (pgx.Rows, error) {
	conn, err := r.replica.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, sql, args...)
	if err != nil {
		conn.Release()
		return nil, err
	}
	h := &heldRows{conn: conn, pgConn: conn.Conn(), fields: slices.Clone(rows.FieldDescriptions()), rest: rows,
		failed: func(err error) { r.failed(ctx, q, err) }}
	size := 0
	for size < holdBack && rows.Next() {
		raw := rows.RawValues()
		n := 0
		for _, v := range raw {
			n += len(v)
		}
		buf := make([]byte, 0, n)
		row := make([][]byte, len(raw))
		for i, v := range raw {
			if v != nil {
				buf = append(buf, v...)
				row[i] = buf[len(buf)-len(v):]
			}
		}
		h.held = append(h.held, row)
		size += n
	}
	if err := rows.Err(); err != nil {
		conn.Release()
		return nil, err
	}
	if size < holdBack { // the whole result
		h.tag = rows.CommandTag()
		h.rest = nil
	}
	return h, nil
}

// heldRows are a replica's rows read ahead, then (for a result larger
// than holdBack) the rest as they come. It keeps its connection until it
// is closed or read to the end: the rows are decoded with the
// connection's type map, which no one else may use meanwhile.
type heldRows struct {
	conn   *pgxpool.Conn
	pgConn *pgx.Conn // conn's, which stays known once conn is released
	fields []pgconn.FieldDescription
	held   [][][]byte
	cur    [][]byte    // the row Next moved to, from held
	rest   pgx.Rows    // of a result larger than holdBack, nil once read
	failed func(error) // tells the router the replica failed a read under way
	tag    pgconn.CommandTag
	err    error
	closed bool
}

func (h *heldRows) Next() bool {
	if h.closed {
		return false
	}
	if len(h.held) > 0 {
		h.cur, h.held = h.held[0], h.held[1:]
		return true
	}
	h.cur = nil
	if h.rest != nil && h.rest.Next() {
		return true
	}
	if h.rest != nil {
		if h.err = h.rest.Err(); h.err != nil {
			h.failed(h.err)
		}
		h.tag = h.rest.CommandTag()
	}
	h.Close()
	return false
}

func (h *heldRows) Scan(dest ...any) error {
	if h.cur == nil && h.rest != nil {
		return h.rest.Scan(dest...)
	}
	return pgx.ScanRow(h.pgConn.TypeMap(), h.fields, h.cur, dest...)
}

func (h *heldRows) Values() ([]any, error) {
	if h.cur == nil && h.rest != nil {
		return h.rest.Values()
	}
	m := h.pgConn.TypeMap()
	values := make([]any, len(h.fields))
	for i, fd := range h.fields {
		buf := h.cur[i]
		switch dt, ok := m.TypeForOID(fd.DataTypeOID); {
		case buf == nil:
		case ok:
			v, err := dt.Codec.DecodeValue(m, fd.DataTypeOID, fd.Format, buf)
			if err != nil {
				return nil, err
			}
			values[i] = v
		case fd.Format == pgx.TextFormatCode:
			values[i] = string(buf)
		default:
			values[i] = bytes.Clone(buf)
		}
	}
	return values, nil
}

func (h *heldRows) RawValues() [][]byte {
	if h.cur == nil && h.rest != nil {
		return h.rest.RawValues()
	}
	return h.cur
}

func (h *heldRows) FieldDescriptions() []pgconn.FieldDescription { return h.fields }
func (h *heldRows) CommandTag() pgconn.CommandTag                { return h.tag }
func (h *heldRows) Err() error                                   { return h.err }
func (h *heldRows) Conn() *pgx.Conn                              { return h.pgConn }
func (h *heldRows) TypeMap() *pgtype.Map                         { return h.pgConn.TypeMap() }

func (h *heldRows) Close() {
	if h.closed {
		return
	}
	h.closed = true
	h.held = nil
	if h.rest != nil {
		h.rest.Close()
		h.err = h.rest.Err()
	}
	h.conn.Release()
}
