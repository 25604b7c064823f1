package store_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// sqlStatement matches what starts a statement (not a fragment such as a
// column list or a subquery joined into one).
var sqlStatement = regexp.MustCompile(`^(?i)(SELECT|INSERT|UPDATE|DELETE|WITH|LOCK|TRUNCATE)\b`)

// storeStatements reads the string constants of the store's source files
// that hold whole SQL statements (not joined into another constant), evaluating concatenations of literals
// and other constants, by name.
func storeStatements(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	exprs := map[string]ast.Expr{}
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, s := range g.Specs {
					vs := s.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							exprs[n.Name] = vs.Values[i]
						}
					}
				}
			}
		}
	}
	var eval func(e ast.Expr) (string, bool)
	eval = func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		case *ast.Ident:
			if x, ok := exprs[e.Name]; ok {
				return eval(x)
			}
		case *ast.ParenExpr:
			return eval(e.X)
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				a, ok1 := eval(e.X)
				b, ok2 := eval(e.Y)
				return a + b, ok1 && ok2
			}
		}
		return "", false
	}
	// A constant joined into another is a part of that statement (a
	// column list, a subquery, a statement's first half), prepared with it.
	parts := map[string]bool{}
	for _, e := range exprs {
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				parts[id.Name] = true
			}
			return true
		})
	}
	out := map[string]string{}
	for name, e := range exprs {
		if parts[name] {
			continue
		}
		if s, ok := eval(e); ok && sqlStatement.MatchString(strings.TrimSpace(s)) {
			out[name] = s
		}
	}
	return out
}

// TestStatementsPrepare prepares every SQL statement of the store against
// the migrated schema: a renamed column or a type mismatch fails here,
// not on the first request that happens to run the statement.
func TestStatementsPrepare(t *testing.T) {
	t.Parallel()
	stmts := storeStatements(t)
	if len(stmts) < 80 { // the store has about a hundred; far fewer means the reader broke
		t.Fatalf("found %d statements", len(stmts))
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for name, sql := range stmts {
		// Named arguments (@name) are pgx's, rewritten to $n before
		// PostgreSQL sees them.
		if strings.Contains(sql, "@") {
			sql, _, err = pgx.NamedArgs{}.RewriteQuery(ctx, conn, sql, nil)
			if err != nil {
				t.Errorf("%s: rewrite named arguments: %v", name, err)
				continue
			}
		}
		if _, err := conn.Prepare(ctx, "", sql); err != nil {
			t.Errorf("%s: %v\n%s", name, err, sql)
		}
	}
	if testing.Verbose() {
		t.Logf("%d statements prepared", len(stmts))
	}
}
