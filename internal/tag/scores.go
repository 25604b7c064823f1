package tag

// Score is how strongly one piece of text is about one topic.
type Score struct {
	Topic        string   // topic slug
	Score        float64  // 0..1
	MatchedTerms []string // taxonomy terms found, most frequent first
	// Spans are where the terms matched, as [start, end) code-point
	// offsets into the paragraph's text, in text order: evidence snippets
	// mark them. Set on paragraph scores only; mentions inside names of
	// organisations are left out, as they are not about the topic.
	Spans [][2]int
}

// Scores are a document's topic scores at every level. Only topics with a
// score above zero appear; each slice is ordered by score, highest first.
type Scores struct {
	Document   []Score
	Sections   [][]Score // indexed by section ordinal
	Paragraphs [][]Score // indexed by paragraph ordinal in reading order
	// Coverage is, per topic slug, the share of the document's text (in
	// code points) that is about the topic, 0..1.
	Coverage map[string]float64
}
