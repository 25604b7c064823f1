package store

import "github.com/sourcecmp/sourcecmp/internal/gid"

// The global IDs the API serves. As methods the GraphQL executor reads
// them like fields; as resolvers it would start a goroutine for the id of
// every object in a response, which cost a document reader a fifth of its
// CPU time.

func (d *Document) GlobalID() string  { return gid.Encode(gid.Document, d.ID) }
func (a *Author) GlobalID() string    { return gid.Encode(gid.Author, a.ID) }
func (s *Section) GlobalID() string   { return gid.Encode(gid.Section, s.ID) }
func (p *Paragraph) GlobalID() string { return gid.Encode(gid.Paragraph, p.ID) }
func (f *Footnote) GlobalID() string  { return gid.Encode(gid.Footnote, f.ID) }
func (t *Topic) GlobalID() string     { return gid.Encode(gid.Topic, t.ID) }
func (s *Stance) GlobalID() string    { return gid.Encode(gid.Stance, s.ID) }
func (c *Citation) GlobalID() string  { return gid.Encode(gid.Citation, c.ID) }
func (w *Work) GlobalID() string      { return gid.Encode(gid.Work, w.ID) }
