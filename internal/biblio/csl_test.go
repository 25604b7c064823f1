package biblio

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// cslTypes are the item types of CSL 1.0.2.
var cslTypes = map[string]bool{
	"article": true, "article-journal": true, "article-magazine": true, "article-newspaper": true, "bill": true,
	"book": true, "broadcast": true, "chapter": true, "classic": true, "collection": true, "dataset": true,
	"document": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true, "event": true,
	"figure": true, "graphic": true, "hearing": true, "interview": true, "legal_case": true, "legislation": true,
	"manuscript": true, "map": true, "motion_picture": true, "musical_score": true, "pamphlet": true,
	"paper-conference": true, "patent": true, "performance": true, "periodical": true, "personal_communication": true,
	"post": true, "post-weblog": true, "regulation": true, "report": true, "review": true, "review-book": true,
	"software": true, "song": true, "speech": true, "standard": true, "thesis": true, "treaty": true, "webpage": true,
}

// cslKeys are the item variables CSL gives the fields we fill, with the
// JSON kind each must have.
var cslKeys = map[string]string{
	"id": "string", "type": "string", "title": "string", "container-title": "string", "publisher": "string",
	"publisher-place": "string", "volume": "string", "issue": "string", "URL": "string",
	"author": "names", "translator": "names", "editor": "names", "issued": "date",
}

// seedWorks extracts every seed note of the table and keeps one work per key.
func seedWorks(t *testing.T) []Work {
	t.Helper()
	var works []Work
	seen := map[string]int{}
	for _, n := range seedNotes {
		for _, r := range Extract(n.body) {
			if i, ok := seen[r.Key()]; ok {
				works[i].Merge(r)
				continue
			}
			seen[r.Key()] = len(works)
			works = append(works, r.Work(fmt.Sprintf("w%d", len(works)+1)))
		}
	}
	return works
}

// TestCSLIsValid renders every seed work and checks the JSON against the
// CSL-JSON data model: known variables only, each of its kind, names as
// family/given or literal, dates as date-parts.
func TestCSLIsValid(t *testing.T) {
	t.Parallel()
	works := seedWorks(t)
	raw, err := CSL(works)
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(raw, &items); err != nil {
		t.Fatalf("CSL output is not a JSON array of objects: %v", err)
	}
	if len(items) != len(works) {
		t.Fatalf("%d items for %d works", len(items), len(works))
	}
	ids := map[any]bool{}
	for _, it := range items {
		if ids[it["id"]] || it["id"] == "" {
			t.Errorf("id %v missing or repeated", it["id"])
		}
		ids[it["id"]] = true
		if !cslTypes[fmt.Sprint(it["type"])] {
			t.Errorf("%v: type %v is not a CSL type", it["id"], it["type"])
		}
		if it["title"] == nil && it["URL"] == nil {
			t.Errorf("%v: neither title nor URL", it["id"])
		}
		for k, v := range it {
			if err := checkCSLValue(cslKeys[k], v); err != nil {
				t.Errorf("%v: %s: %v", it["id"], k, err)
			}
		}
	}
}

func checkCSLValue(kind string, v any) error {
	switch kind {
	case "string":
		if s, ok := v.(string); !ok || s == "" {
			return fmt.Errorf("want a non-empty string, got %#v", v)
		}
	case "names":
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return fmt.Errorf("want a list of names, got %#v", v)
		}
		for _, n := range list {
			m, _ := n.(map[string]any)
			_, lit := m["literal"]
			_, fam := m["family"]
			if lit == fam || len(m) > 2 || lit && len(m) != 1 {
				return fmt.Errorf("a name is family[/given] or literal alone, got %#v", n)
			}
		}
	case "date":
		m, _ := v.(map[string]any)
		parts, _ := m["date-parts"].([]any)
		if len(m) != 1 || len(parts) != 1 {
			return fmt.Errorf("want {date-parts: [[y, m, d]]}, got %#v", v)
		}
		ymd, _ := parts[0].([]any)
		limits := []float64{2999, 12, 31}
		if len(ymd) == 0 || len(ymd) > 3 {
			return fmt.Errorf("date-parts %#v", parts[0])
		}
		for i, p := range ymd {
			if f, ok := p.(float64); !ok || f < 1 || f > limits[i] || f != float64(int(f)) {
				return fmt.Errorf("date part %d is %#v", i, p)
			}
		}
	default:
		return fmt.Errorf("not a variable we fill")
	}
	return nil
}

// TestCSLItems checks what a reference manager will show for a few works.
func TestCSLItems(t *testing.T) {
	t.Parallel()
	byTitle := map[string]CSLItem{}
	for _, w := range seedWorks(t) {
		byTitle[w.Title+w.URL] = w.CSL()
	}
	for _, want := range []CSLItem{
		{Type: "book", Title: waltz, Author: []CSLName{{Family: "Waltz", Given: "Kenneth"}},
			Publisher: "McGraw-Hill, Inc", PublisherPlace: "New York", Issued: &CSLDate{[][]int{{1979}}}},
		{Type: "book", Title: "朝鮮戦争の謎と真実:金日成、スタ-リン、毛沢東の機密電報による",
			Author: []CSLName{{Literal: "アナトーリー・ワシリエヴィチトルクノフ"}}, Translator: []CSLName{{Literal: "下斗米伸夫"}, {Literal: "金成浩"}},
			Publisher: "草思社", Issued: &CSLDate{[][]int{{2001}}}},
		{Type: "chapter", Title: "二極化する地域における韓国国防:自主の機会とその変容", Author: []CSLName{{Literal: "渡邊武"}},
			Editor: []CSLName{{Literal: "日本国際問題研究所"}}, ContainerTitle: "「大国間競争の時代」の朝鮮半島と秩序の行方",
			Publisher: "日本国際問題研究所", Issued: &CSLDate{[][]int{{2022}}}},
		{Type: "article-journal", Title: "防衛産業に見えるリアリズムと非リアリズム", Author: []CSLName{{Literal: "渡邊武"}},
			ContainerTitle: "国際安全保障", Volume: "51", Issue: "4"},
		{Type: "article-newspaper", Title: summit23, ContainerTitle: "朝鮮中央通信", Issued: &CSLDate{[][]int{{2024, 6, 20}}}},
		{Type: "article-newspaper", Title: "What’s known, and not known, about the partnership agreement signed by Russia and North Korea",
			Author: []CSLName{{Literal: "Kim Tong-Hyung"}, {Family: "Heintz", Given: "Jim"}}, ContainerTitle: "AP",
			Issued: &CSLDate{[][]int{{2024, 6, 19}}}},
		{Type: "webpage", URL: "https://www.mid.ru/en/foreign_policy/news/1925888/"},
	} {
		got, ok := byTitle[want.Title+want.URL]
		want.ID = got.ID
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("CSL item:\n got %s\nwant %s", asJSON(got), asJSON(want))
		}
	}
}

func TestCSLNames(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]CSLName{
		"Kenneth Waltz":        {Family: "Waltz", Given: "Kenneth"},
		"Ludwig van Beethoven": {Family: "van Beethoven", Given: "Ludwig"},
		"Kim Tong-Hyung":       {Literal: "Kim Tong-Hyung"},
		"CSIS":                 {Literal: "CSIS"},
		"渡邊 武":                 {Family: "渡邊", Given: "武"},
		"渡邊武":                  {Literal: "渡邊武"},
		"中華人民共和国常駐国連代表団":                     {Literal: "中華人民共和国常駐国連代表団"},
		"Woodrow Wilson Center for Scholars": {Literal: "Woodrow Wilson Center for Scholars"},
	} {
		if got := cslName(in); got != want {
			t.Errorf("cslName(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestCSLEmpty(t *testing.T) {
	t.Parallel()
	raw, err := CSL(nil)
	if err != nil || string(raw) != "[]" {
		t.Errorf("CSL(nil) = %s, %v; want []", raw, err)
	}
}
