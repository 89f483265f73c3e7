// Get a Machine-to-Machine token for {{AUDIENCE}} and call the API (Go, standard library).
// The secret comes from the environment: CLIENT_SECRET=... go run call.go
// The token is cached until shortly before it expires (Auth0 counts M2M tokens).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"
)

var (
	mu        sync.Mutex
	token     string
	expiresAt time.Time
)

func getToken() (string, error) {
	mu.Lock()
	defer mu.Unlock()
	if token != "" && time.Until(expiresAt) > time.Minute {
		return token, nil
	}
	resp, err := http.PostForm("{{TOKEN_URL}}", url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {"{{CLIENT_ID}}"},
		"client_secret": {os.Getenv("CLIENT_SECRET")},
		"audience":      {"{{AUDIENCE}}"},
	})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		return "", fmt.Errorf("token request failed: %s %s", resp.Status, body)
	}
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return "", err
	}
	token, expiresAt = body.AccessToken, time.Now().Add(time.Duration(body.ExpiresIn)*time.Second)
	return token, nil
}

func callAPI(apiURL string) {
	t, err := getToken()
	if err != nil {
		panic(err)
	}
	req, _ := http.NewRequest(http.MethodGet, apiURL, nil)
	req.Header.Set("Authorization", "Bearer "+t)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, string(body))
}

func main() {
	apiURL := os.Getenv("API_URL")
	if apiURL == "" {
		apiURL = "{{AUDIENCE}}"
	}
	callAPI(apiURL)
	callAPI(apiURL) // reuses the cached token
}
