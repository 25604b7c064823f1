package biblio

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/parse"
)

// note is a real footnote body from a seed document with the references
// a reader finds in it. TestSeedBodiesAreReal checks each body against
// the parser's output, so the expectations here can be checked against
// the source by eye.
type note struct {
	seed, label string
	body        string
	want        []Reference
}

// Long titles that more than one expectation uses.
const (
	waltz    = "Theory of International Politics"
	summit23 = "경애하는 김정은동지께서 로씨야련방 대통령 울라지미르 울라지미로비치 뿌찐동지와 회담하시였다(敬愛する金正恩同志におかれてはロシア連邦大統領ウラジーミル・ウラジーミロヴィチ・プーチン同志と会談された)"
)

var seedNotes = []note{
	{"000", "1", "アナトーリー・ワシリエヴィチトルクノフ著,下斗米伸夫、金成浩訳,『朝鮮戦争の謎と真実:金日成、スタ-リン、毛沢東の機密電報による』(草思社、2001年)、175~177頁。下斗米伸夫『モスクワと金日成:冷戦の中の北朝鮮1964—1991年』(岩波書店、2006年) 103~104頁。",
		[]Reference{
			{Type: TypeBook, Title: "朝鮮戦争の謎と真実:金日成、スタ-リン、毛沢東の機密電報による",
				Authors: []string{"アナトーリー・ワシリエヴィチトルクノフ"}, Translators: []string{"下斗米伸夫", "金成浩"},
				Publisher: "草思社", Year: 2001, Issued: "2001", Pages: "175~177"},
			{Type: TypeBook, Title: "モスクワと金日成:冷戦の中の北朝鮮1964—1991年", Authors: []string{"下斗米伸夫"},
				Publisher: "岩波書店", Year: 2006, Issued: "2006", Pages: "103~104"},
		}},
	{"000", "2", "平岩俊二『朝鮮民主主義人民共和国と中華人民共和国』(世織書房、2010年)、12~13頁。",
		[]Reference{{Type: TypeBook, Title: "朝鮮民主主義人民共和国と中華人民共和国", Authors: []string{"平岩俊二"},
			Publisher: "世織書房", Year: 2010, Issued: "2010", Pages: "12~13"}}},
	{"000", "3", "朝鮮半島のほか、台湾とベトナムを経由する米軍の中国への侵略があるという当時の中国における脅威認識。", nil},
	{"000", "4", "米国と1対1の対決でバック・パッシングできないが故に中国が参戦したとの解釈は、ウォルツの説明する米国の参戦理由(二極構造)を中国に適用したものである。Kenneth Waltz, Theory of International Politics, (New York: McGraw-Hill, Inc, 1979), p.170.この点は、次の論考での議論とも重なる部分がある。渡邊武「二極化する地域における韓国国防:自主の機会とその変容」日本国際問題研究所『「大国間競争の時代」の朝鮮半島と秩序の行方』(日本国際問題研究所、2022年)。渡邊武「朝鮮平和協定の政治:共通の脅威と盟邦の統制」『東亜』第617号(2018年11月)、31頁。",
		[]Reference{
			{Type: TypeBook, Title: waltz, Authors: []string{"Kenneth Waltz"},
				Publisher: "McGraw-Hill, Inc", Place: "New York", Year: 1979, Issued: "1979", Pages: "170"},
			{Type: TypeChapter, Title: "二極化する地域における韓国国防:自主の機会とその変容", Authors: []string{"渡邊武"},
				Editors: []string{"日本国際問題研究所"}, Container: "「大国間競争の時代」の朝鮮半島と秩序の行方",
				Publisher: "日本国際問題研究所", Year: 2022, Issued: "2022"},
			{Type: TypeArticleJournal, Title: "朝鮮平和協定の政治:共通の脅威と盟邦の統制", Authors: []string{"渡邊武"},
				Container: "東亜", Issue: "617", Year: 2018, Issued: "2018-11", Pages: "31"},
		}},
	{"000", "5", `Donggil Kim and William Stueck, "Did Stalin Lure the Unites States into the Korean War?" *North Korea International Documentation Project,* Woodrow Wilson Center, 2008, pp.2-3, and 5.`,
		[]Reference{{Type: TypeReport, Title: "Did Stalin Lure the Unites States into the Korean War?",
			Authors: []string{"Donggil Kim", "William Stueck"}, Container: "North Korea International Documentation Project",
			Publisher: "Woodrow Wilson Center", Year: 2008, Issued: "2008", Pages: "2-3, 5"}}},
	{"000", "6", "この見方は、二極構造においては両大国の間にある地域がすべて競争の舞台となるというウォルツの説明に基づいている。Kenneth Waltz, Theory of International Politics, (New York: McGraw-Hill, Inc, 1979), pp.170-171.",
		[]Reference{{Type: TypeBook, Title: waltz, Authors: []string{"Kenneth Waltz"},
			Publisher: "McGraw-Hill, Inc", Place: "New York", Year: 1979, Issued: "1979", Pages: "170-171"}}},
	{"000", "7", "中華人民共和国常駐国連代表団「耿爽大使在安理会朝核问题公开会上的发言(北朝鮮核問題に関する耿爽大使の朝鮮核問題に関する安保理公開会合における発言)」2025年1月8日。",
		[]Reference{{Type: TypeDocument, Title: "耿爽大使在安理会朝核问题公开会上的发言(北朝鮮核問題に関する耿爽大使の朝鮮核問題に関する安保理公開会合における発言)",
			Authors: []string{"中華人民共和国常駐国連代表団"}, Year: 2025, Issued: "2025-01-08"}}},
	{"000", "8", "ROK-U.S. Joint Announcement, February 7, 2016.",
		[]Reference{{Type: TypeDocument, Title: "ROK-U.S. Joint Announcement", Year: 2016, Issued: "2016-02-07"}}},
	// The title's closing 」 is missing; " | " stands in its place.
	{"000", "9", "中国外交部「王毅:実現半島非核化与半島停和机制轉換並行推進(王毅、朝鮮半島非核化と半島の平和体制への転換を平行して推進) | 2016年2月17日。",
		[]Reference{{Type: TypeDocument, Title: "王毅:実現半島非核化与半島停和机制轉換並行推進(王毅、朝鮮半島非核化と半島の平和体制への転換を平行して推進)",
			Authors: []string{"中国外交部"}, Year: 2016, Issued: "2016-02-17"}}},
	{"000", "10", `中国外交部「積極践行亜洲安全観共創亜太安全新未来一外交部副部長劉振民在"亜太地区安全架構与大国関係"国際研討会開幕式上的致辞(アジアの安全保障観を積極的に実践し共にアジア太平洋の新未来を創造:外交部副部長劉振民、「アジア太平洋地域安全保障枠組みと大国間関係」国際討論会開幕式で挨拶を述べる)」2016年7月9日。`,
		[]Reference{{Type: TypeDocument, Title: `積極践行亜洲安全観共創亜太安全新未来一外交部副部長劉振民在"亜太地区安全架構与大国関係"国際研討会開幕式上的致辞(アジアの安全保障観を積極的に実践し共にアジア太平洋の新未来を創造:外交部副部長劉振民、「アジア太平洋地域安全保障枠組みと大国間関係」国際討論会開幕式で挨拶を述べる)`,
			Authors: []string{"中国外交部"}, Year: 2016, Issued: "2016-07-09"}}},
	{"000", "11", `Abraham Ait, "Is North Korea's MiG-29 Fleet Growing?" *The Diplomat*, November 29, 2018. 本件については、次の論考でも説明した。渡邊武「防衛産業に見えるリアリズムと非リアリズム」『国際安全保障』第51巻4号、12頁。`,
		[]Reference{
			{Type: TypeArticleNewspaper, Title: "Is North Korea's MiG-29 Fleet Growing?", Authors: []string{"Abraham Ait"},
				Container: "The Diplomat", Year: 2018, Issued: "2018-11-29"},
			{Type: TypeArticleJournal, Title: "防衛産業に見えるリアリズムと非リアリズム", Authors: []string{"渡邊武"},
				Container: "国際安全保障", Volume: "51", Issue: "4", Pages: "12"},
		}},
	{"000", "12", "「조선로동당 총비서이시며 조선민주주의인민공화국 국무위원장이신 경애하는 김정은동지께서 유.아.가가린명칭 꼼쏘몰스크-나-아무레비행기공장을 참관하시였다 (朝鮮労働党総秘書であり朝鮮民主主義人民共和国国務委員長であられる敬愛する金正恩同志におかれてはユーリー・ガガーリン名称コムソモリスク・ナ・アムーレ飛行機工場を参観なされた)」『労働新聞』2023年9月16日。",
		[]Reference{{Type: TypeArticleNewspaper, Title: "조선로동당 총비서이시며 조선민주주의인민공화국 국무위원장이신 경애하는 김정은동지께서 유.아.가가린명칭 꼼쏘몰스크-나-아무레비행기공장을 참관하시였다 (朝鮮労働党総秘書であり朝鮮民主主義人民共和国国務委員長であられる敬愛する金正恩同志におかれてはユーリー・ガガーリン名称コムソモリスク・ナ・アムーレ飛行機工場を参観なされた)",
			Container: "労働新聞", Year: 2023, Issued: "2023-09-16"}}},
	{"000", "13", "「조선민주주의인민공화국과 로씨야련방사이의 포괄적인 전략적동반자관계에 관한 조약(朝鮮民主主義人民共和国とロシア連邦間の包括的戦略同伴者関係に関する条約)」2024年6月19日。",
		[]Reference{{Type: TypeDocument, Title: "조선민주주의인민공화국과 로씨야련방사이의 포괄적인 전략적동반자관계에 관한 조약(朝鮮民主主義人民共和国とロシア連邦間の包括的戦略同伴者関係に関する条約)",
			Year: 2024, Issued: "2024-06-19"}}},
	{"000", "14", "「조선로동당 중앙군사위원회가 로씨야련방의 꾸르스크지역해방작전에 참전하여 영웅적위훈을 세운 조선민주주의인민공화국무력 전투구분대들을 높이 평가(朝鮮労働党中央軍事委員会がロシア連邦クルクス作戦に参戦し英雄的偉勲をたてた朝鮮民主主義人民共和国武力戦闘区分隊たちを高く評価)」『労働新聞』2025年4月28日。",
		[]Reference{{Type: TypeArticleNewspaper, Title: "조선로동당 중앙군사위원회가 로씨야련방의 꾸르스크지역해방작전에 참전하여 영웅적위훈을 세운 조선민주주의인민공화국무력 전투구분대들을 높이 평가(朝鮮労働党中央軍事委員会がロシア連邦クルクス作戦に参戦し英雄的偉勲をたてた朝鮮民主主義人民共和国武力戦闘区分隊たちを高く評価)",
			Container: "労働新聞", Year: 2025, Issued: "2025-04-28"}}},
	// Prose that quotes phrases (「共通の理想」…) and dates, then two articles listed with 「、」.
	{"000", "15", "北朝鮮が両国の接近過程で表明したのは、ロシアとの「共通の理想」があり2国の軍と人民が米国の「世界覇権戦略」に立ち向かっている(2023年7月、ショイグ国防長官訪朝時)、あるいは「帝国主義者たちの軍事的脅威と挑発」を打ち破る「共同戦線」(露朝首脳会談、同年9月)といった政治闘争の共有であり、プーチン大統領が取り上げたような国連憲章など、国際法によるウクライナ侵攻の正当化ではない。「경애하는 김정은동지께서 국방상 쌔亳계이 쇼이구동지를 단장으로 하는 로씨야련방 군사대표단을 위하여 성대한 연회를 마련하시였다(敬愛する金正恩同志におかれては国防相セルゲイ・ショイグ同志を団長とするロシア連邦軍事代表団のために盛大な宴会を催された)」『労働新聞』2023年7月28日、「" + summit23 + "」『労働新聞』2023年9月14日。",
		[]Reference{
			{Type: TypeArticleNewspaper, Title: "경애하는 김정은동지께서 국방상 쌔亳계이 쇼이구동지를 단장으로 하는 로씨야련방 군사대표단을 위하여 성대한 연회를 마련하시였다(敬愛する金正恩同志におかれては国防相セルゲイ・ショイグ同志を団長とするロシア連邦軍事代表団のために盛大な宴会を催された)",
				Container: "労働新聞", Year: 2023, Issued: "2023-07-28"},
			{Type: TypeArticleNewspaper, Title: summit23, Container: "労働新聞", Year: 2023, Issued: "2023-09-14"},
		}},
	{"000", "16", "「" + summit23 + "」『朝鮮中央通信』2024年6月20日。",
		[]Reference{{Type: TypeArticleNewspaper, Title: summit23, Container: "朝鮮中央通信", Year: 2024, Issued: "2024-06-20"}}},
	{"000", "17", "「조선로동당창건 80 돐경축 열병식에서 한 김정은동지의 연설(朝鮮労働党創建80周年慶祝閲兵式における金正恩同志の演説)」『労働新聞』2025年10月11日。直接引用部分の傍点は執筆者による。",
		[]Reference{{Type: TypeArticleNewspaper, Title: "조선로동당창건 80 돐경축 열병식에서 한 김정은동지의 연설(朝鮮労働党創建80周年慶祝閲兵式における金正恩同志の演説)",
			Container: "労働新聞", Year: 2025, Issued: "2025-10-11"}}},

	{"002", "1", "トヨタ自動車や日産自動車は撤退、トリドールホールディングスはフランチャイズ契約を解除、ユニクロは事業の一次停止を決めるなど、日本企業も例外ではない。", nil},
	{"002", "2", "http://www.kremlin.ru/events/president/news/70746",
		[]Reference{{Type: TypeWebpage, URL: "http://www.kremlin.ru/events/president/news/70746"}}},
	// A URL, then prose pointing to a second one.
	{"002", "5", "https://www.mfa.gov.cn/eng/wjbxw/202302/t20230220_11027664.html なお、遠藤誉氏による日本語の簡約は https://news.yahoo.co.jp/expert/articles/848c48d8b7ed839f816cd4c91777236f6bcab617 を参照されたい。",
		[]Reference{
			{Type: TypeWebpage, URL: "https://www.mfa.gov.cn/eng/wjbxw/202302/t20230220_11027664.html"},
			{Type: TypeWebpage, URL: "https://news.yahoo.co.jp/expert/articles/848c48d8b7ed839f816cd4c91777236f6bcab617"},
		}},
	{"002", "9", "http://en.kremlin.ru/events/president/trips/72272/photos#photo-72809,72811,72780,72781,72782,72785,72786,72787,72788,72789,72790,72791,72792,72794,72795,72796,72797,72800,72802",
		[]Reference{{Type: TypeWebpage, URL: "http://en.kremlin.ru/events/president/trips/72272/photos#photo-72809,72811,72780,72781,72782,72785,72786,72787,72788,72789,72790,72791,72792,72794,72795,72796,72797,72800,72802"}}},
	{"002", "13", "https://www.mid.ru/en/foreign_policy/news/1925888/",
		[]Reference{{Type: TypeWebpage, URL: "https://www.mid.ru/en/foreign_policy/news/1925888/"}}},

	// A news agency's timestamp without a year: the year is not invented.
	{"004", "※1", "6月22日07時05分、時事通信「ロ朝『同盟』に温度差介入条項に解釈の余地」。",
		[]Reference{{Type: TypeArticleNewspaper, Title: "ロ朝『同盟』に温度差介入条項に解釈の余地", Container: "時事通信"}}},
	{"004", "※2", "6月19日AP通信、“What’s known, and not known, about the partnership agreement signed by Russia and North Korea,” By Kim Tong-Hyung and Jim Heintz, AP, 2024/6/19",
		[]Reference{{Type: TypeArticleNewspaper, Title: "What’s known, and not known, about the partnership agreement signed by Russia and North Korea",
			Authors: []string{"Kim Tong-Hyung", "Jim Heintz"}, Container: "AP", Year: 2024, Issued: "2024-06-19"}}},
	// The opening quote of the title is missing.
	{"004", "※3", "The New Russia-North Korea Security Alliance: Critical Questions,” by Victor Cha and Ellen Kim, CSIS, June 20, 2024.",
		[]Reference{{Type: TypeReport, Title: "The New Russia-North Korea Security Alliance: Critical Questions",
			Authors: []string{"Victor Cha", "Ellen Kim"}, Publisher: "CSIS", Year: 2024, Issued: "2024-06-20"}}},
}

func TestExtractSeedNotes(t *testing.T) {
	t.Parallel()
	for _, n := range seedNotes {
		t.Run(n.seed+"/"+n.label, func(t *testing.T) {
			t.Parallel()
			got := Extract(n.body)
			if !reflect.DeepEqual(got, n.want) {
				t.Errorf("Extract:\n got %s\nwant %s", asJSON(got), asJSON(n.want))
			}
		})
	}
}

// TestExtractEdgeCases covers what the seeds do not show but the grammar
// promises.
func TestExtractEdgeCases(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, body string
		want       []Reference
	}{
		{"a 。 inside a title does not end the sentence",
			"山田太郎『終わり。そして始まり』(岩波書店、2001年)、3頁。",
			[]Reference{{Type: TypeBook, Title: "終わり。そして始まり", Authors: []string{"山田太郎"},
				Publisher: "岩波書店", Year: 2001, Issued: "2001", Pages: "3"}}},
		{"a URL belongs to the one reference of its sentence",
			"渡邊武「論文」『東亜』2020年1月、https://example.org/a.pdf。",
			[]Reference{{Type: TypeArticleJournal, Title: "論文", Authors: []string{"渡邊武"}, Container: "東亜",
				Year: 2020, Issued: "2020-01", URL: "https://example.org/a.pdf"}}},
		{"an editor marked 編 and full-width digits",
			"山田太郎「章」佐藤花子編『論集』(東京：岩波書店、２０１９年)、１２～１３頁",
			[]Reference{{Type: TypeChapter, Title: "章", Authors: []string{"山田太郎"}, Editors: []string{"佐藤花子"},
				Container: "論集", Publisher: "岩波書店", Place: "東京", Year: 2019, Issued: "2019", Pages: "１２～１３"}}},
		{"a publisher without parentheses",
			"山田太郎『書名』東京：岩波書店、2019年、12頁。",
			[]Reference{{Type: TypeBook, Title: "書名", Authors: []string{"山田太郎"}, Publisher: "岩波書店", Place: "東京",
				Year: 2019, Issued: "2019", Pages: "12"}}},
		{"a monthly's issue and a volume with its issue",
			"山田太郎「論文」『世界』2020年3月号、45頁。山田花子「論考」『国際政治』第100巻第2号、2020年、45-67頁。",
			[]Reference{
				{Type: TypeArticleJournal, Title: "論文", Authors: []string{"山田太郎"}, Container: "世界",
					Year: 2020, Issued: "2020-03", Pages: "45"},
				{Type: TypeArticleJournal, Title: "論考", Authors: []string{"山田花子"}, Container: "国際政治",
					Volume: "100", Issue: "2", Year: 2020, Issued: "2020", Pages: "45-67"},
			}},
		{"an English journal article, Chicago style",
			`John Smith, "Alliance Politics," *World Politics* 36, no. 4 (1984): 461–495.`,
			[]Reference{{Type: TypeArticleJournal, Title: "Alliance Politics", Authors: []string{"John Smith"},
				Container: "World Politics", Volume: "36", Issue: "4", Year: 1984, Issued: "1984", Pages: "461–495"}}},
		{"an English book with an italic title and a bare page",
			"Kenneth N. Waltz, *Theory of International Politics* (Reading, MA: Addison-Wesley, 1979), 170.",
			[]Reference{{Type: TypeBook, Title: "Theory of International Politics", Authors: []string{"Kenneth N. Waltz"},
				Publisher: "Addison-Wesley", Place: "Reading, MA", Year: 1979, Issued: "1979", Pages: "170"}}},
		{"a publisher's parenthesis right after the title",
			"Victor Cha, The Impossible State (New York: Ecco, 2012), p. 5.",
			[]Reference{{Type: TypeBook, Title: "The Impossible State", Authors: []string{"Victor Cha"},
				Publisher: "Ecco", Place: "New York", Year: 2012, Issued: "2012", Pages: "5"}}},
		{"prose that only quotes a phrase",
			"これは「戦略的曖昧さ」と呼ばれる(2020年)。", nil},
		{"English prose with a date",
			"The summit took place on June 20, 2024.", nil},
		{"prose before a quotation is no author",
			`He argued that "deterrence works," in 2019.`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := Extract(c.body); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Extract(%q):\n got %s\nwant %s", c.body, asJSON(got), asJSON(c.want))
			}
		})
	}
}

// TestSeedBodiesAreReal checks that every body in seedNotes is what the
// parser reads from the seed, so the table tests real input.
func TestSeedBodiesAreReal(t *testing.T) {
	t.Parallel()
	bodies := seedBodies(t)
	for _, n := range seedNotes {
		got, ok := bodies[n.seed+"/"+n.label]
		if !ok {
			t.Errorf("seed %s has no footnote %s with a body", n.seed, n.label)
			continue
		}
		if got != n.body {
			t.Errorf("seed %s note %s:\n parser %q\n  table %q", n.seed, n.label, got, n.body)
		}
	}
}

// seedBodies returns the seed documents' footnote bodies by "seed/label",
// where seed is the first three characters of the file name.
func seedBodies(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range seedFootnotes(t) {
		out[f.key] = f.body
	}
	return out
}

type seedFootnote struct{ key, body string }

// seedFootnotes parses the seed documents and returns their footnotes
// that have a body, in reading order.
func seedFootnotes(t testing.TB) []seedFootnote {
	t.Helper()
	paths, err := filepath.Glob("../../seeds/documents/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed documents: %v", err)
	}
	var out []seedFootnote
	for _, p := range paths {
		d, err := parse.File(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range d.Footnotes {
			if f.Body != nil {
				out = append(out, seedFootnote{filepath.Base(p)[:3] + "/" + f.Label, *f.Body})
			}
		}
	}
	return out
}

func asJSON(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error()
	}
	return strings.TrimSpace(string(b))
}
