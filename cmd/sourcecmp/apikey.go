package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/cli"
)

func runAPIKey(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "apikey", "[flags] create --role ROLE --name NAME | list | revoke NAME", `
Manages the API keys clients send as Authorization: Bearer KEY.
  create   make a key with a role and a name, and print it on the last line:
           it is shown this once (only its SHA-256 is stored)
  list     list the keys: name, role, creation and revocation times
  revoke   revoke the key called NAME: requests carrying it are refused
Roles: reader (reads, when serve --require-key), editor (also creates and
edits stances and citations), admin (also ingests documents). The audit
log records each write under the key's name; names are never reused.`)
	dbURL := cli.DatabaseFlag(env, fs)
	role := fs.String("role", cli.EnvDefault(env, "SOURCECMP_APIKEY_ROLE", ""), "role of a new key: reader, editor or admin (env SOURCECMP_APIKEY_ROLE)")
	name := fs.String("name", cli.EnvDefault(env, "SOURCECMP_APIKEY_NAME", ""),
		"name of a new key: letters, digits, '.', '_', '@' or '-' (env SOURCECMP_APIKEY_NAME)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	verb := fs.Arg(0)
	if fs.NArg() > 0 { // flags may follow the verb too
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return err
		}
	}
	rest := fs.Args()
	usage := func(msg string) error {
		fs.Usage()
		return fmt.Errorf("apikey: %s: %w", msg, cli.ErrUsage)
	}
	switch {
	case verb == "create" && len(rest) == 0:
		if *name == "" {
			return usage("create needs --name")
		}
		if _, err := auth.ParseRole(*role); err != nil {
			return usage(err.Error())
		}
	case verb == "list" && len(rest) == 0:
	case verb == "revoke" && len(rest) == 1:
	case verb == "revoke":
		return usage("revoke takes the name of one key")
	default:
		return usage("want create, list or revoke")
	}
	st, err := app.OpenDatabase(ctx, cli.NewLogger(env), *dbURL)
	if err != nil {
		return fmt.Errorf("apikey: %w", err)
	}
	defer st.Close()
	switch verb {
	case "create":
		key, hash, err := auth.NewKey()
		if err != nil {
			return fmt.Errorf("apikey: %w", err)
		}
		k, err := st.APIKeyCreate(ctx, *name, *role, hash)
		if err != nil {
			return fmt.Errorf("apikey: %w", err)
		}
		fmt.Fprintf(env.Stdout, "created %s key %q; it is shown only now, keep it secret:\n%s\n", k.Role, k.Name, key)
	case "list":
		keys, err := st.APIKeyList(ctx)
		if err != nil {
			return fmt.Errorf("apikey: %w", err)
		}
		w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "NAME\tROLE\tCREATED\tREVOKED")
		for _, k := range keys {
			revoked := "-"
			if k.RevokedAt != nil {
				revoked = k.RevokedAt.Local().Format(time.DateTime)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", k.Name, k.Role, k.CreatedAt.Local().Format(time.DateTime), revoked)
		}
		return w.Flush()
	case "revoke":
		k, err := st.APIKeyRevoke(ctx, rest[0])
		if err != nil {
			return fmt.Errorf("apikey: %w", err)
		}
		fmt.Fprintf(env.Stdout, "revoked key %q (%s) at %s\n", k.Name, k.Role, k.RevokedAt.Local().Format(time.DateTime))
	}
	return nil
}
