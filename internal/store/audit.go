package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// AuditEntry is one write to the record: who (an API key's name) did
// what to which object.
type AuditEntry struct {
	ID     int64
	Who    string // the key's name
	Action string // the operation, as the API names it: createStance …
	Target string // the global ID or slug of what changed
	// Details is marshalled to JSON (an object, say the operation's
	// input); nil stores {}.
	Details any
	At      time.Time // set by the database
}

// auditInsert appends one entry to the audit log.
const auditInsert = `INSERT INTO audit_log (who, action, target, details) VALUES ($1, $2, $3, $4)
RETURNING id, at`

// AuditRecord appends e to the audit log through db, which should be the
// transaction of the write it records: the entry and the write are then
// committed, or rolled back, together. It returns e with its ID and time.
func AuditRecord(ctx context.Context, db DBTX, e AuditEntry) (AuditEntry, error) {
	if e.Who == "" || e.Action == "" {
		return e, fmt.Errorf("audit %s: who and action are required", e.Action)
	}
	details := []byte("{}")
	if e.Details != nil {
		b, err := json.Marshal(e.Details)
		if err != nil {
			return e, fmt.Errorf("audit %s: details: %w", e.Action, err)
		}
		details = b
	}
	if err := db.QueryRow(ctx, auditInsert, e.Who, e.Action, e.Target, details).Scan(&e.ID, &e.At); err != nil {
		return e, fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return e, nil
}

// auditList reads the newest entries of the log first.
const auditList = `SELECT id, who, action, target, details, at FROM audit_log
ORDER BY at DESC, id DESC LIMIT $1`

// AuditList returns up to limit entries, newest first. Details holds the
// stored JSON as a json.RawMessage.
func (s *Store) AuditList(ctx context.Context, limit int) ([]*AuditEntry, error) {
	entries, err := collect(ctx, s.reads, auditList, func(e *AuditEntry) []any {
		e.Details = &json.RawMessage{}
		return []any{&e.ID, &e.Who, &e.Action, &e.Target, e.Details, &e.At}
	}, limit)
	if err != nil {
		return nil, fmt.Errorf("list audit log: %w", err)
	}
	for _, e := range entries {
		e.Details = *e.Details.(*json.RawMessage)
	}
	return entries, nil
}
