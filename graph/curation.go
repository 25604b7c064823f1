package graph

import (
	"context"
	"strconv"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/search"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// inLang picks the English text when asked for and written, else the
// Japanese one.
func inLang(lang *model.Lang, ja string, en *string) string {
	if lang != nil && *lang == model.LangEn && en != nil && *en != "" {
		return *en
	}
	return ja
}

// topicArg resolves a topic slug given as an argument, from the taxonomy
// the request reads once; an unknown topic is the client's mistake
// (INVALID_ARGUMENT) and names the argument.
func topicArg(ctx context.Context, arg, slug string) (*store.Topic, error) {
	ts, err := loaders.For(ctx).Taxonomy(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if t.Slug == slug {
			return t, nil
		}
	}
	return nil, invalid("%s: unknown topic %q (see the topics query)", arg, slug)
}

// passages turns stored evidence on a topic into passages whose snippets
// mark the spans where the topic's terms matched.
func passages(topicID int64, ps []*store.Passage) []*model.Passage {
	out := make([]*model.Passage, len(ps))
	for i, p := range ps {
		spans := make([]search.Span, 0, len(p.Spans)/2)
		for j := 0; j+1 < len(p.Spans); j += 2 {
			spans = append(spans, search.Span{Start: int(p.Spans[j]), End: int(p.Spans[j+1])})
		}
		para := p.Paragraph
		out[i] = &model.Passage{ID: passageID(para.ID, "evidence", strconv.FormatInt(topicID, 10)), Paragraph: &para,
			Snippet: search.Snippet(para.Text, spans), Score: p.Score}
	}
	return out
}
