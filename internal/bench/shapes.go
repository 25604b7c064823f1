package bench

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// A Shape is one kind of request the benchmark measures, written three
// ways that return the same data: as a sourcecmp GraphQL query, as a
// query in the schema PostGraphile generates from the same tables, and as
// one hand-written SQL statement that builds the whole answer as JSON.
type Shape struct {
	Name string
	// Sourcecmp and PostGraphile are the requests, one per variant the
	// shape rotates over (documents, search terms); PostGraphile is empty
	// when its schema cannot express the shape.
	Sourcecmp, PostGraphile []Request
	// SQL is the lower bound: one statement and its arguments per variant.
	SQL []SQLRequest
	// Variant names the variants (search terms) when they are measured
	// apart; empty when they rotate within one measurement.
	Variant string
}

// Request is one GraphQL request body.
type Request struct {
	Query     string
	Variables map[string]any
}

// Body is the request's JSON encoding.
func (r Request) Body() []byte {
	b, err := json.Marshal(map[string]any{"query": r.Query, "variables": r.Variables})
	if err != nil {
		panic(fmt.Sprintf("bench: request body: %v", err)) // strings and numbers always marshal
	}
	return b
}

// SQLRequest is one statement of the lower bound; it returns one row of
// one JSON column.
type SQLRequest struct {
	SQL  string
	Args []any
}

// Params are what the shapes are built from, read from the loaded
// database (see LoadParams).
type Params struct {
	Topic   string // slug of the topic the headline and compare ask about
	TopicID int64
	// ReaderSlugs are the documents the reader rotates over.
	ReaderSlugs []string
	// CommonTerm and RareTerm are the search terms; their Query forms are
	// the tsqueries internal/search makes of them.
	CommonTerm, RareTerm   string
	CommonQuery, RareQuery string
	// CommonMatches and RareMatches count the paragraphs each term matches.
	CommonMatches, RareMatches int
	// AndTerms and Phrase are the searches of several words, with their
	// tsqueries and matches.
	AndTerms, Phrase          string
	AndQuery, PhraseQuery     string
	AndMatches, PhraseMatches int
}

// PageSize is the page the headline (authors) and compare (documents)
// ask for: a page a client shows at once.
const PageSize = 50

// EvidenceSize is the number of passages per compare row.
const EvidenceSize = 3

// SearchSize is the page of search hits.
const SearchSize = 10

// Shapes returns the measured shapes in table order: headline, compare,
// reader and the two searches.
func Shapes(p Params) []Shape {
	topicID := strconv.FormatInt(p.TopicID, 10) // PostGraphile's BigInt is a string
	headline := Shape{Name: "headline",
		Sourcecmp:    []Request{{HeadlineQuery, map[string]any{"topic": p.Topic, "first": PageSize}}},
		PostGraphile: []Request{{headlinePGQuery, map[string]any{"topicId": topicID, "first": PageSize}}},
		SQL:          []SQLRequest{{HeadlineSQL, []any{p.TopicID, PageSize}}},
	}
	compare := Shape{Name: "compare",
		Sourcecmp:    []Request{{compareQuery, map[string]any{"topic": p.Topic, "first": PageSize, "evidence": EvidenceSize}}},
		PostGraphile: []Request{{comparePGQuery, map[string]any{"topicId": topicID, "first": PageSize}}},
		SQL:          []SQLRequest{{CompareSQL, []any{p.TopicID, PageSize, EvidenceSize}}},
	}
	reader := Shape{Name: "reader"}
	for _, slug := range p.ReaderSlugs {
		reader.Sourcecmp = append(reader.Sourcecmp, Request{ReaderQuery, map[string]any{"slug": slug}})
		reader.PostGraphile = append(reader.PostGraphile, Request{readerPGQuery, map[string]any{"slug": slug}})
		reader.SQL = append(reader.SQL, SQLRequest{ReaderSQL, []any{slug}})
	}
	search := func(name, term, tsq string) Shape {
		return Shape{Name: name, Variant: term,
			Sourcecmp: []Request{{searchQuery, map[string]any{"q": term, "first": SearchSize}}},
			SQL:       []SQLRequest{{SearchSQL, []any{tsq, SearchSize, nil, rankWords(term)}}},
		}
	}
	filtered := search("search-filtered", p.CommonTerm, p.CommonQuery)
	filtered.Variant = p.CommonTerm + " in " + p.Topic
	filtered.Sourcecmp[0].Variables["topic"] = p.Topic
	filtered.SQL[0].Args[2] = p.TopicID
	return []Shape{headline, compare, reader,
		search("search-common", p.CommonTerm, p.CommonQuery),
		search("search-rare", p.RareTerm, p.RareQuery),
		search("search-and", p.AndTerms, p.AndQuery),
		search("search-phrase", p.Phrase, p.PhraseQuery),
		filtered}
}

// HeadlineQuery is the headline shape's query: a page of authors, each
// one's latest stance on a topic, its citations and where each stands
// (internal/server's BenchmarkHeadlineQuery serves it too).
const HeadlineQuery = `query Headline($topic: String!, $first: Int!) {
  authors(first: $first) {
    nodes {
      id name affiliation
      stance(topic: $topic) {
        position summary
        document { id }
        citations {
          quote start end
          paragraph { id ordinal text }
          section { id heading }
          document { id title publishedOn }
          footnotes { id label body }
        }
      }
    }
  }
}`

// ReaderQuery is the reader shape's query: a whole document, its sections,
// their paragraphs with their footnote markers, and its footnotes
// (internal/server's BenchmarkReaderQuery serves it too).
const ReaderQuery = `query Reader($slug: String!) {
  document(slug: $slug) {
    id title publishedOn
    authors { id name }
    sections {
      id ordinal heading level
      paragraphs { id ordinal text footnoteRefs { label offset footnote { id } } }
    }
    footnotes { id label body urls }
  }
}`

// The other sourcecmp queries.
const (
	compareQuery = `query Compare($topic: String!, $first: Int!, $evidence: Int!) {
  compare(topic: $topic, first: $first) {
    totalCount
    rows: nodes {
      document { id title publishedOn }
      authors { id name }
      stance { position summary }
      coverage
      evidence(first: $evidence) { nodes { score snippet paragraph { id ordinal text } } }
    }
  }
}`

	searchQuery = `query Search($q: String!, $first: Int!, $topic: String) {
  search(query: $q, first: $first, topic: $topic) {
    totalCount totalCountIsExact
    nodes { score snippet paragraph { id ordinal document { id title } } }
  }
}`
)

// The same data in PostGraphile's generated schema. Relations are walked
// from the tables' foreign keys; what the generated schema cannot select
// (an author's latest stance, the footnotes inside a quote, a document's
// best passages) is fetched whole and picked by the client, as a client
// of PostGraphile's default preset would (see Canonical*).
const (
	headlinePGQuery = `query Headline($topicId: BigInt!, $first: Int!) {
  allAuthors(first: $first, orderBy: [NAME_ASC, ROW_ID_ASC]) {
    nodes {
      rowId name affiliation
      documentAuthorsByAuthorId {
        nodes {
          documentByDocumentId {
            rowId slug title publishedOn
            stancesByDocumentId(condition: {topicId: $topicId}) {
              nodes {
                position summaryJa
                citationsByStanceId(orderBy: ORDINAL_ASC) {
                  nodes {
                    quote startOffset endOffset
                    paragraphByParagraphId {
                      rowId ordinal text startOffset
                      sectionBySectionId { rowId heading }
                      footnoteRefsByParagraphId(orderBy: ORDINAL_ASC) {
                        nodes { offset footnoteByFootnoteId { rowId ordinal label body } }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`
	comparePGQuery = `query Compare($topicId: BigInt!, $first: Int!) {
  allDocuments(first: $first, orderBy: [PUBLISHED_ON_DESC, SLUG_ASC]) {
    totalCount
    nodes {
      rowId title publishedOn
      documentAuthorsByDocumentId(orderBy: POSITION_ASC) { nodes { authorByAuthorId { rowId name } } }
      stancesByDocumentId(condition: {topicId: $topicId}) { nodes { position summaryJa } }
      documentTopicsByDocumentId(condition: {topicId: $topicId}) { nodes { coverage } }
      paragraphsByDocumentId(orderBy: ORDINAL_ASC) {
        nodes { rowId ordinal text paragraphTopicsByParagraphId(condition: {topicId: $topicId}) { nodes { score spans } } }
      }
    }
  }
}`
	readerPGQuery = `query Reader($slug: String!) {
  documentBySlug(slug: $slug) {
    rowId title publishedOn
    documentAuthorsByDocumentId(orderBy: POSITION_ASC) { nodes { authorByAuthorId { rowId name } } }
    sectionsByDocumentId(orderBy: ORDINAL_ASC) {
      nodes {
        rowId ordinal heading level
        paragraphsBySectionId(orderBy: ORDINAL_ASC) {
          nodes {
            rowId ordinal text
            footnoteRefsByParagraphId(orderBy: ORDINAL_ASC) { nodes { offset footnoteByFootnoteId { rowId label } } }
          }
        }
      }
    }
    footnotesByDocumentId(orderBy: ORDINAL_ASC) { nodes { rowId label body urls } }
  }
}`
)
