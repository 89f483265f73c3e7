// Validate access tokens for {{AUDIENCE}} in a Go API.
// go get github.com/golang-jwt/jwt/v5{{#RS256}} github.com/MicahParks/keyfunc/v3{{/RS256}}
package main

import (
	"net/http"
	"os"
	"strings"

{{#RS256}}	"github.com/MicahParks/keyfunc/v3"
{{/RS256}}	"github.com/golang-jwt/jwt/v5"
)

func main() {
{{#RS256}}	// RS256: keys come from the tenant's JWKS and are refreshed in the background.
	jwks, err := keyfunc.NewDefault([]string{"{{JWKS_URL}}"})
	if err != nil {
		panic(err)
	}
	keys := jwks.Keyfunc
{{/RS256}}{{#HS256}}	// HS256: the API's signing secret comes from the environment (API_SIGNING_SECRET).
	secret := []byte(os.Getenv("API_SIGNING_SECRET"))
	keys := func(*jwt.Token) (any, error) { return secret, nil }
{{/HS256}}	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{"{{ALG}}"}),
		jwt.WithIssuer("{{ISSUER}}"),
		jwt.WithAudience("{{AUDIENCE}}"),
		jwt.WithExpirationRequired(),
	)
	http.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			http.Error(w, "missing bearer token", http.StatusUnauthorized)
			return
		}
		if _, err := parser.Parse(raw, keys); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		w.Write([]byte(`{"ok":true}`))
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	http.ListenAndServe(":"+port, nil)
}
