package server

import (
	"net/http"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// authenticate puts the request's principal in its context: the key's
// name and role when it carries a valid API key, anonymous when it
// carries none (refused under Policy.RequireKey). A malformed header, an
// unknown key or a revoked one is refused with 400 or 401, never served
// as anonymous. Refusals count against the client IP's rate limit, so
// that guessing keys is slow as well as hopeless.
func authenticate(cfg Config, limiter *rateLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		refuse := func(status int, challenge, msg string) {
			if !limiter.allow(w, r, clientKey(r)) {
				return
			}
			w.Header().Set("WWW-Authenticate", challenge)
			writeError(w, r, status, codeUnauthenticated, msg, nil)
		}
		key, present, err := auth.BearerToken(r)
		switch {
		case err != nil:
			refuse(http.StatusBadRequest, `Bearer realm="sourcecmp", error="invalid_request"`, err.Error())
			return
		case !present && cfg.Policy.RequireKey:
			refuse(http.StatusUnauthorized, `Bearer realm="sourcecmp"`, "this server requires an API key: send Authorization: Bearer <key>")
			return
		case !present:
			next.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), auth.Principal{Role: auth.Anonymous})))
			return
		}
		k, err := cfg.Store.APIKeyGetByHash(r.Context(), auth.HashKey(key))
		switch {
		case store.ErrorCode(err) == store.ENotFound:
			refuse(http.StatusUnauthorized, `Bearer realm="sourcecmp", error="invalid_token"`, "the API key is not valid")
			return
		case store.Unavailable(err) || store.TimedOut(err):
			cfg.ready.markDown(err)
			refuseUnavailable(w, r)
			return
		case err != nil:
			cfg.Log.ErrorContext(r.Context(), "api key lookup", "request_id", RequestID(r.Context()), "err", err)
			writeError(w, r, http.StatusInternalServerError, codeInternal, "internal error", nil)
			return
		case k.Revoked():
			// Not the key's name: whoever holds a revoked key need not learn it.
			refuse(http.StatusUnauthorized, `Bearer realm="sourcecmp", error="invalid_token"`, "the API key was revoked")
			return
		}
		role, err := auth.ParseRole(k.Role)
		if err != nil { // the table's check allows only known roles
			cfg.Log.ErrorContext(r.Context(), "api key role", "request_id", RequestID(r.Context()), "key", k.Name, "err", err)
			writeError(w, r, http.StatusInternalServerError, codeInternal, "internal error", nil)
			return
		}
		p := auth.Principal{KeyName: k.Name, Role: role}
		next.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), p)))
	})
}
