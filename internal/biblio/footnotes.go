package biblio

import (
	"cmp"
	"slices"
)

// KeyedWork is a work under the key that makes one work of many
// citations (Reference.Key).
type KeyedWork struct {
	Key string `json:"key"`
	Work
}

// Citation is one footnote's citation of a work: the footnote's index
// among the document's footnotes, the work's key, the work's place among
// the footnote's works (from 0) and the pages cited, as written ("" for
// none).
type Citation struct {
	Footnote int
	Key      string
	Ordinal  int
	Pages    string
}

// FootnoteWorks extracts the references of a document's footnote bodies
// (nil for a footnote without one): the works they cite, one per key
// with what all its citations state merged, sorted by key, and one
// citation per footnote and work. A footnote citing a work twice gets one
// citation with both pages.
func FootnoteWorks(bodies []*string) ([]KeyedWork, []Citation) {
	byKey := map[string]*Work{}
	var cites []Citation
	for fi, body := range bodies {
		if body == nil {
			continue
		}
		first := len(cites)
		for _, r := range Extract(*body) {
			k := r.Key()
			if k == "" {
				continue
			}
			if w, ok := byKey[k]; ok {
				w.Merge(r)
			} else {
				w := r.Work("")
				byKey[k] = &w
			}
			i := slices.IndexFunc(cites[first:], func(c Citation) bool { return c.Key == k })
			switch {
			case i < 0:
				cites = append(cites, Citation{Footnote: fi, Key: k, Ordinal: len(cites) - first, Pages: r.Pages})
			case r.Pages != "" && cites[first+i].Pages == "":
				cites[first+i].Pages = r.Pages
			case r.Pages != "" && cites[first+i].Pages != r.Pages:
				cites[first+i].Pages += ", " + r.Pages
			}
		}
	}
	works := make([]KeyedWork, 0, len(byKey))
	for k, w := range byKey {
		works = append(works, KeyedWork{Key: k, Work: *w})
	}
	slices.SortFunc(works, func(a, b KeyedWork) int { return cmp.Compare(a.Key, b.Key) })
	return works, cites
}
