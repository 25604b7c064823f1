package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/gid"
)

// TestTwoWritesToOneObjectInOneOperation: each mutation of an operation
// answers with the object as it wrote it, not as an earlier field of the
// request read it, and the database holds the last write.
func TestTwoWritesToOneObjectInOneOperation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	g := guarded(t, f, testPolicy())
	key := "Bearer " + newKey(t, f.store, "alice", "editor")

	var seed struct {
		Topic struct {
			Positions []struct{ Slug string }
			Stances   struct {
				Nodes []struct {
					ID, Position string
					Citations    []struct{ ID string }
				}
			}
		}
	}
	f.query(t, `{ topic(slug: "china-role") { positions { slug } stances(first: 1) { nodes { id position citations { id } } } } }`, nil, &seed)
	st := seed.Topic.Stances.Nodes[0]
	// The API changes only the stances it made (curated ones are
	// READ_ONLY): this one stands for such a stance.
	stanceID, err := gid.DecodeAs(gid.Stance, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Pool().Exec(context.Background(), `UPDATE stances SET origin = 'api' WHERE id = $1`, stanceID); err != nil {
		t.Fatal(err)
	}
	var others []string
	for _, p := range seed.Topic.Positions {
		if p.Slug != st.Position {
			others = append(others, p.Slug)
		}
	}
	if len(others) < 2 || len(st.Citations) < 2 {
		t.Fatalf("the seed stance needs two other positions and two citations: %+v %+v", seed.Topic.Positions, st)
	}

	r := g.postAs(t, key, `mutation($id: ID!, $p1: String!, $p2: String!, $c: ID!) {
  first: updateStance(input: {id: $id, position: $p1, summary: "一回目"}) { position summary citations { id } }
  removeCitation(id: $c)
  second: updateStance(input: {id: $id, position: $p2}) { position summary citations { id } }
}`, map[string]any{"id": st.ID, "p1": others[0], "p2": others[1], "c": st.Citations[0].ID})
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("mutation failed (%d): %+v", r.Status, r.Errors)
	}
	type stance struct {
		Position, Summary string
		Citations         []struct{ ID string }
	}
	var got struct{ First, Second stance }
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	if got.First.Position != others[0] || got.First.Summary != "一回目" || len(got.First.Citations) != len(st.Citations) {
		t.Errorf("first write answered %+v, want position %s, its summary and %d citations", got.First, others[0], len(st.Citations))
	}
	if got.Second.Position != others[1] || got.Second.Summary != "一回目" || len(got.Second.Citations) != len(st.Citations)-1 {
		t.Errorf("second write answered %+v, want position %s, the first write's summary and %d citations", got.Second, others[1], len(st.Citations)-1)
	}

	var after struct {
		Node struct{ Position string }
	}
	f.query(t, `query($id: ID!) { node(id: $id) { ... on Stance { position } } }`, map[string]any{"id": st.ID}, &after)
	if after.Node.Position != others[1] {
		t.Errorf("the database holds position %s, want the last write's %s", after.Node.Position, others[1])
	}
}
