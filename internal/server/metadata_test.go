package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestUpdateDocumentMetadata corrects a document the parser found no
// metadata in: an editor sets it, the write is audited, later reads and
// the same request see it, and a re-ingest of changed text keeps it.
func TestUpdateDocumentMetadata(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := guarded(t, newFixture(t), testPolicy())
	admin := newKey(t, f.store, "admin-1", "admin")
	editor := newKey(t, f.store, "editor-1", "editor")
	reader := newKey(t, f.store, "reader-1", "reader")

	ingest := `mutation($c: String!) { ingestDocument(filename: "untitled.txt", content: $c, replace: true) { warnings document { id title } } }`
	text := "ロシアと北朝鮮は軍事協力を深めている。両国は昨年、条約を結んだ。\n\n韓国政府は動向を注視している。\n"
	r := f.postAs(t, "Bearer "+admin, ingest, map[string]any{"c": text})
	var ing struct {
		IngestDocument struct {
			Warnings []string
			Document struct{ ID string }
		}
	}
	if err := json.Unmarshal(r.Data, &ing); err != nil || len(r.Errors) > 0 {
		t.Fatalf("ingest: %v %s", err, r.Body)
	}
	if w := ing.IngestDocument.Warnings; len(w) != 3 || w[0] != "no title found" {
		t.Errorf("ingest warnings = %q", w)
	}
	id := ing.IngestDocument.Document.ID

	update := `mutation($id: ID!, $in: DocumentMetadataInput!) { updateDocumentMetadata(id: $id, input: $in) { title publishedOn warnings authors { name affiliation title } } }`
	in := map[string]any{"title": "露朝の軍事協力", "publishedOn": "2025-06-18",
		"authors": []map[string]any{{"name": "山田 太郎", "affiliation": "北東大学", "title": "教授"}}}
	onlyCode(t, f.postAs(t, "Bearer "+reader, update, map[string]any{"id": id, "in": in}), "FORBIDDEN")
	onlyCode(t, f.postAs(t, "Bearer "+editor, update, map[string]any{"id": id, "in": map[string]any{"publishedOn": "18 June"}}), "INVALID_ARGUMENT")

	r = f.postAs(t, "Bearer "+editor, update, map[string]any{"id": id, "in": in})
	want := `{"updateDocumentMetadata":{"title":"露朝の軍事協力","publishedOn":"2025-06-18","warnings":[],"authors":[{"name":"山田 太郎","affiliation":"北東大学","title":"教授"}]}}`
	if len(r.Errors) > 0 || string(r.Data) != want {
		t.Fatalf("update:\n got %s\nwant %s", r.Data, want)
	}
	// Two corrections in one request: the second reads its own write, not
	// the row the first left in the request's loaders.
	twice := `mutation($id: ID!) { a: updateDocumentMetadata(id: $id, input: {subtitle: "一"}) { subtitle }
		b: updateDocumentMetadata(id: $id, input: {subtitle: "二"}) { subtitle title } }`
	r = f.postAs(t, "Bearer "+editor, twice, map[string]any{"id": id})
	if want := `{"a":{"subtitle":"一"},"b":{"subtitle":"二","title":"露朝の軍事協力"}}`; string(r.Data) != want {
		t.Errorf("two updates in one request: %s, want %s", r.Data, want)
	}
	entries, err := f.store.AuditList(ctx, 10)
	if err != nil || len(entries) < 3 || entries[0].Action != "updateDocumentMetadata" || entries[0].Who != "editor-1" || entries[0].Target != id {
		t.Fatalf("audit log: %v %+v", err, entries)
	}

	// The source changes and is ingested again: the correction stays.
	r = f.postAs(t, "Bearer "+admin, ingest, map[string]any{"c": text + "\n中国は沈黙を守っている。\n"})
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"title":"露朝の軍事協力"`) {
		t.Errorf("re-ingest lost the correction: %s", r.Body)
	}
	read := `query($id: ID!) { node(id: $id) { ... on Document { subtitle publishedOn authors { name } } } }`
	r = f.postAs(t, "", read, map[string]any{"id": id})
	if want := `{"node":{"subtitle":"二","publishedOn":"2025-06-18","authors":[{"name":"山田 太郎"}]}}`; string(r.Data) != want {
		t.Errorf("after re-ingest: %s, want %s", r.Data, want)
	}
}

// TestUpdateDocumentMetadataClear empties fields the parser filled: an
// explicit null clears a field, a field left out keeps its value, and a
// re-ingest does not bring the parsed value back until a later
// correction sets it again.
func TestUpdateDocumentMetadataClear(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := guarded(t, newFixture(t), testPolicy())
	admin := newKey(t, f.store, "admin-1", "admin")
	editor := newKey(t, f.store, "editor-1", "editor")

	ingest := `mutation($c: String!) { ingestDocument(filename: "cleared.txt", content: $c, replace: true) { document { id title publishedOn authors { name } } } }`
	text := "露朝の軍事協力の行方\n\n2025年6月18日\n\n山田 太郎\n\nロシアと北朝鮮は軍事協力を深めている。両国は昨年、条約を結んだ。\n\n韓国政府は動向を注視している。\n"
	r := f.postAs(t, "Bearer "+admin, ingest, map[string]any{"c": text})
	var ing struct {
		IngestDocument struct {
			Document struct {
				ID          string
				Title       *string
				PublishedOn *string
			}
		}
	}
	if err := json.Unmarshal(r.Data, &ing); err != nil || len(r.Errors) > 0 {
		t.Fatalf("ingest: %v %s", err, r.Body)
	}
	d := ing.IngestDocument.Document
	if d.Title == nil || d.PublishedOn == nil {
		t.Fatalf("the parser should find a title and a date to clear: %s", r.Data)
	}
	id := d.ID

	fields := `title subtitle series publishedOn authors { name }`
	update := `mutation($id: ID!, $in: DocumentMetadataInput!) { updateDocumentMetadata(id: $id, input: $in) { ` + fields + ` } }`
	post := func(in map[string]any) string {
		t.Helper()
		r := f.postAs(t, "Bearer "+editor, update, map[string]any{"id": id, "in": in})
		if len(r.Errors) > 0 {
			t.Fatalf("update %v: %s", in, r.Body)
		}
		return string(r.Data)
	}
	// Set two fields; the others keep the parsed values.
	got := post(map[string]any{"subtitle": "条約から一年", "series": "論考",
		"authors": []map[string]any{{"name": "山田 太郎"}}})
	want := `{"updateDocumentMetadata":{"title":"` + *d.Title + `","subtitle":"条約から一年","series":"論考","publishedOn":"` + *d.PublishedOn + `","authors":[{"name":"山田 太郎"}]}}`
	if got != want {
		t.Fatalf("set:\n got %s\nwant %s", got, want)
	}
	// Null clears, in variables; subtitle and series are left out and stay.
	got = post(map[string]any{"title": nil, "publishedOn": nil, "authors": nil})
	want = `{"updateDocumentMetadata":{"title":null,"subtitle":"条約から一年","series":"論考","publishedOn":null,"authors":[]}}`
	if got != want {
		t.Fatalf("clear:\n got %s\nwant %s", got, want)
	}
	// Null written in the query itself clears too.
	inline := `mutation($id: ID!) { updateDocumentMetadata(id: $id, input: {series: null}) { ` + fields + ` } }`
	r = f.postAs(t, "Bearer "+editor, inline, map[string]any{"id": id})
	want = `{"updateDocumentMetadata":{"title":null,"subtitle":"条約から一年","series":null,"publishedOn":null,"authors":[]}}`
	if len(r.Errors) > 0 || string(r.Data) != want {
		t.Fatalf("inline null:\n got %s\nwant %s", r.Body, want)
	}
	entries, err := f.store.AuditList(ctx, 1)
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit log: %v %+v", err, entries)
	}
	if details, _ := json.Marshal(entries[0].Details); !strings.Contains(string(details), `"clear":["series"]`) {
		t.Errorf("audit of a clear: %s", details)
	}

	// Re-ingest: the parser finds the title, date and author again, the
	// correction keeps them empty.
	read := `query($id: ID!) { node(id: $id) { ... on Document { ` + fields + ` } } }`
	r = f.postAs(t, "Bearer "+admin, ingest, map[string]any{"c": text + "\n中国は沈黙を守っている。\n"})
	if len(r.Errors) > 0 {
		t.Fatalf("re-ingest: %s", r.Body)
	}
	r = f.postAs(t, "", read, map[string]any{"id": id})
	if want := `{"node":{"title":null,"subtitle":"条約から一年","series":null,"publishedOn":null,"authors":[]}}`; string(r.Data) != want {
		t.Errorf("after re-ingest: %s, want %s", r.Data, want)
	}

	// Setting a cleared field again ends its clearing, across re-ingest.
	post(map[string]any{"title": "露朝協力の一年"})
	f.postAs(t, "Bearer "+admin, ingest, map[string]any{"c": text})
	r = f.postAs(t, "", read, map[string]any{"id": id})
	if want := `{"node":{"title":"露朝協力の一年","subtitle":"条約から一年","series":null,"publishedOn":null,"authors":[]}}`; string(r.Data) != want {
		t.Errorf("set again, re-ingested: %s, want %s", r.Data, want)
	}
}
