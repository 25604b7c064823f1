package obs

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// maxQueryText is how much of a statement's text a span keeps: enough to
// recognise it, bounded because some statements are long.
const maxQueryText = 2048

// SQLTracer is a pgx tracer that makes a client span per statement, COPY
// and batch, as a child of the span in the statement's context. Spans
// hold the statement's text, never its arguments. Give it to the store
// next to the store's own statement counter (store.Options).
type SQLTracer struct {
	tracer trace.Tracer
}

var (
	_ pgx.QueryTracer    = SQLTracer{}
	_ pgx.CopyFromTracer = SQLTracer{}
	_ pgx.BatchTracer    = SQLTracer{}
)

// NewSQLTracer returns a tracer whose spans tp makes.
func NewSQLTracer(tp trace.TracerProvider) SQLTracer {
	return SQLTracer{tracer: tp.Tracer(instrumentation)}
}

func (t SQLTracer) start(ctx context.Context, conn *pgx.Conn, name string, attrs ...attribute.KeyValue) context.Context {
	attrs = append(attrs, attribute.String("db.system.name", "postgresql"))
	if conn != nil {
		attrs = append(attrs, attribute.String("db.namespace", conn.Config().Database))
	}
	ctx, _ = t.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	return ctx
}

func end(ctx context.Context, err error, attrs ...attribute.KeyValue) {
	span := trace.SpanFromContext(ctx)
	span.SetAttributes(attrs...)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "statement failed")
	}
	span.End()
}

// TraceQueryStart starts a statement's span, named by its first keyword.
func (t SQLTracer) TraceQueryStart(ctx context.Context, conn *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	op := operation(data.SQL)
	return t.start(ctx, conn, op, attribute.String("db.operation.name", op),
		attribute.String("db.query.text", truncate(data.SQL)))
}

// TraceQueryEnd ends the statement's span.
func (SQLTracer) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryEndData) {
	end(ctx, data.Err, attribute.Int64("db.response.returned_rows", data.CommandTag.RowsAffected()))
}

// TraceCopyFromStart starts a COPY's span.
func (t SQLTracer) TraceCopyFromStart(ctx context.Context, conn *pgx.Conn, data pgx.TraceCopyFromStartData) context.Context {
	table := data.TableName.Sanitize()
	return t.start(ctx, conn, "COPY "+table, attribute.String("db.operation.name", "COPY"),
		attribute.String("db.collection.name", table))
}

// TraceCopyFromEnd ends the COPY's span.
func (SQLTracer) TraceCopyFromEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceCopyFromEndData) {
	end(ctx, data.Err, attribute.Int64("db.response.returned_rows", data.CommandTag.RowsAffected()))
}

// TraceBatchStart starts a batch's span.
func (t SQLTracer) TraceBatchStart(ctx context.Context, conn *pgx.Conn, data pgx.TraceBatchStartData) context.Context {
	return t.start(ctx, conn, "BATCH", attribute.String("db.operation.name", "BATCH"),
		attribute.Int("db.operation.batch.size", data.Batch.Len()))
}

// TraceBatchQuery notes one statement of the batch as an event.
func (SQLTracer) TraceBatchQuery(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchQueryData) {
	attrs := []attribute.KeyValue{attribute.String("db.query.text", truncate(data.SQL))}
	if data.Err != nil {
		attrs = append(attrs, attribute.String("error.message", data.Err.Error()))
	}
	trace.SpanFromContext(ctx).AddEvent("statement", trace.WithAttributes(attrs...))
}

// TraceBatchEnd ends the batch's span.
func (SQLTracer) TraceBatchEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceBatchEndData) {
	end(ctx, data.Err)
}

// operation returns a statement's first keyword (SELECT, INSERT, WITH …).
func operation(sql string) string {
	sql = strings.TrimSpace(sql)
	for strings.HasPrefix(sql, "--") { // a leading comment line
		_, sql, _ = strings.Cut(sql, "\n")
		sql = strings.TrimSpace(sql)
	}
	word, _, _ := strings.Cut(sql, " ")
	word, _, _ = strings.Cut(word, "\n")
	word, _, _ = strings.Cut(word, "\t")
	if word == "" {
		return "SQL"
	}
	return strings.ToUpper(word)
}

func truncate(sql string) string {
	if len(sql) <= maxQueryText {
		return sql
	}
	cut := maxQueryText
	for cut > 0 && sql[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return sql[:cut] + "…"
}
