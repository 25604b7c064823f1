package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)

	key, hash, err := auth.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	created, err := st.APIKeyCreate(ctx, "curator-1", "editor", hash)
	if err != nil {
		t.Fatal(err)
	}
	if created.Name != "curator-1" || created.Role != "editor" || created.Revoked() || created.ID == 0 {
		t.Errorf("created %+v", created)
	}
	got, err := st.APIKeyGetByHash(ctx, auth.HashKey(key))
	if err != nil || got.Name != "curator-1" || got.Revoked() {
		t.Fatalf("lookup by hash: %+v %v", got, err)
	}
	// Only the hash is stored: the key's text appears nowhere in the table.
	var row string
	if err := st.Pool().QueryRow(ctx, `SELECT api_keys::text FROM api_keys`).Scan(&row); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(row, key) || strings.Contains(row, strings.TrimPrefix(key, auth.KeyPrefix)) || !strings.Contains(row, hash) {
		t.Errorf("stored row %s holds the key, or not its hash", row)
	}

	if _, err := st.APIKeyGetByHash(ctx, auth.HashKey("sck_wrong")); store.ErrorCode(err) != store.ENotFound {
		t.Errorf("unknown hash: %v", err)
	}
	_, hash2, _ := auth.NewKey()
	for _, c := range []struct{ name, role, hash, code string }{
		{"curator-1", "reader", hash2, store.EConflict}, // taken name
		{"other", "reader", hash, store.EConflict},      // same key text
		{"bad name", "reader", hash2, store.EInvalid},   // space
		{"", "reader", hash2, store.EInvalid},           // empty
		{"x'; DROP TABLE api_keys; --", "admin", hash2, store.EInvalid},
		{"ok", "root", hash2, store.EInvalid}, // unknown role
	} {
		if _, err := st.APIKeyCreate(ctx, c.name, c.role, c.hash); store.ErrorCode(err) != c.code {
			t.Errorf("create %q %q: %v, want %s", c.name, c.role, err, c.code)
		}
	}

	revoked, err := st.APIKeyRevoke(ctx, "curator-1")
	if err != nil || !revoked.Revoked() {
		t.Fatalf("revoke: %+v %v", revoked, err)
	}
	again, err := st.APIKeyRevoke(ctx, "curator-1")
	if err != nil || !again.RevokedAt.Equal(*revoked.RevokedAt) {
		t.Errorf("second revoke moved the time: %v → %v (%v)", revoked.RevokedAt, again.RevokedAt, err)
	}
	if got, err := st.APIKeyGetByHash(ctx, hash); err != nil || !got.Revoked() {
		t.Errorf("revoked key by hash: %+v %v", got, err)
	}
	if _, err := st.APIKeyRevoke(ctx, "nobody"); store.ErrorCode(err) != store.ENotFound {
		t.Errorf("revoke unknown: %v", err)
	}
	// A revoked name stays taken.
	if _, err := st.APIKeyCreate(ctx, "curator-1", "editor", hash2); store.ErrorCode(err) != store.EConflict {
		t.Errorf("reuse of a revoked name: %v", err)
	}

	if _, err := st.APIKeyCreate(ctx, "admin@ops", "admin", hash2); err != nil {
		t.Fatal(err)
	}
	keys, err := st.APIKeyList(ctx)
	if err != nil || len(keys) != 2 || keys[0].Name != "admin@ops" || keys[1].Name != "curator-1" || keys[0].Revoked() || !keys[1].Revoked() {
		t.Errorf("list: %v", err)
		for _, k := range keys {
			t.Logf("  %+v", k)
		}
	}
}

func TestAuditRecordInTheWritersTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)

	type input struct {
		Topic    string `json:"topic"`
		Position string `json:"position"`
	}
	// Committed with the write.
	err := pgx.BeginFunc(ctx, st.Pool(), func(tx pgx.Tx) error {
		_, err := store.AuditRecord(ctx, tx, store.AuditEntry{Who: "curator-1", Action: "createStance", Target: "U3RhbmNlOjE",
			Details: input{Topic: "sanctions", Position: "critical"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Rolled back with a write that failed.
	err = pgx.BeginFunc(ctx, st.Pool(), func(tx pgx.Tx) error {
		if _, err := store.AuditRecord(ctx, tx, store.AuditEntry{Who: "curator-1", Action: "deleteStance", Target: "U3RhbmNlOjI"}); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `SELECT 1/0`)
		return err
	})
	if err == nil {
		t.Fatal("the failing write succeeded")
	}
	// Outside a transaction, on the pool.
	before := time.Now().Add(-time.Minute)
	e, err := store.AuditRecord(ctx, st.Pool(), store.AuditEntry{Who: "admin@ops", Action: "ingestDocument", Target: "new-doc"})
	if err != nil || e.ID == 0 || e.At.Before(before) {
		t.Fatalf("record: %+v %v", e, err)
	}
	if _, err := store.AuditRecord(ctx, st.Pool(), store.AuditEntry{Action: "x"}); err == nil {
		t.Error("an entry without who was recorded")
	}

	entries, err := st.AuditList(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d entries, want 2 (the rolled-back one must not be there)", len(entries))
	}
	if entries[0].Action != "ingestDocument" || entries[0].Who != "admin@ops" || string(entries[0].Details.(json.RawMessage)) != "{}" {
		t.Errorf("newest entry %+v", entries[0])
	}
	var details input
	if err := json.Unmarshal(entries[1].Details.(json.RawMessage), &details); err != nil || details.Position != "critical" ||
		entries[1].Target != "U3RhbmNlOjE" || entries[1].Who != "curator-1" {
		t.Errorf("older entry %+v (%v)", entries[1], err)
	}
}
